<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="167"/>
        <source>Add dimension</source>
        <translation>添加维度</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="167"/>
        <source>Add a dimension next to the selected one (under the index)</source>
        <translation>在所选维度旁添加一个维度（位于指数之下）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="169"/>
        <source>Add sub-dimension</source>
        <translation>添加子维度</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="169"/>
        <source>Add a sub-dimension inside the selected dimension</source>
        <translation>在所选维度内添加一个子维度</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="171"/>
        <source>Add indicator</source>
        <translation>添加指标</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="171"/>
        <source>Add an indicator to the selected dimension; its values start missing (Insert)</source>
        <translation>向所选维度添加一个指标，其数值初始为缺失（Insert）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="173"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="173"/>
        <source>Change the code and names of the selected node</source>
        <translation>修改所选节点的代码和名称</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="174"/>
        <source>Move to…</source>
        <translation>移动到…</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="174"/>
        <source>Move the selected node into another dimension (or drag it there)</source>
        <translation>将所选节点移到另一个维度（或直接拖过去）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="176"/>
        <source>Reverse direction</source>
        <translation>反转方向</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="176"/>
        <source>Switch between higher and lower is better</source>
        <translation>在“越高越好”和“越低越好”之间切换</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="177"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="177"/>
        <source>Delete the selected node, a dimension with everything in it (Delete)</source>
        <translation>删除所选节点；删除维度时连同其中全部内容（Delete）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="184"/>
        <source>Framework</source>
        <translation>指标框架</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="271"/>
        <source>Normalisation</source>
        <extracomment>the formulas of the methods, beside the code (a link under each group of the form)</extracomment>
        <translation>标准化</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="272"/>
        <source>Aggregation</source>
        <translation>合成</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="273"/>
        <source>&amp;Method:</source>
        <translation>方法(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="273"/>
        <source>How each indicator is put on a common scale</source>
        <translation>将各指标转换到统一尺度的方法</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="274"/>
        <source>&amp;Base year:</source>
        <translation>基期(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="274"/>
        <source>The period set to 100 by the fixed-base index; also the start of change and growth</source>
        <translation>定基指数中设为 100 的时期，也是计算变化和增长的起点</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="276"/>
        <source>Min-max &amp;range:</source>
        <translation>极差范围(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="276"/>
        <source>The scale of min-max: lowest value to L, highest to U</source>
        <translation>极差标准化的尺度：最小值对应 L，最大值对应 U</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="278"/>
        <source>Z-score m&amp;ean:</source>
        <translation>Z 分数均值(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="278"/>
        <source>The mean z-scores are shifted to</source>
        <translation>Z 分数平移后的均值</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="279"/>
        <source>Z-score &amp;SD:</source>
        <translation>Z 分数标准差(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="279"/>
        <source>The standard deviation z-scores are scaled to</source>
        <translation>Z 分数缩放后的标准差</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="280"/>
        <source>&amp;Pooled:</source>
        <translation>合并计算(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="280"/>
        <source>Take minimum, maximum, mean and ranks over all periods together, not period by period</source>
        <translation>对所有时期合并求最小值、最大值、均值和排名，而不是逐期计算</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="282"/>
        <source>M&amp;ean:</source>
        <translation>平均方式(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="282"/>
        <source>How children are combined into their parent</source>
        <translation>下级节点合成为上级节点的方式</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="283"/>
        <source>P&amp;ower p:</source>
        <translation>幂次 p(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="283"/>
        <source>The power of the generalised mean (1 arithmetic, 0 geometric, -1 harmonic)</source>
        <translation>广义平均的幂次（1 为算术平均，0 为几何平均，-1 为调和平均）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="285"/>
        <source>&amp;Weights:</source>
        <translation>权重(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="312"/>
        <source>Formulas of every normalisation (docs/methods.md)</source>
        <translation>各标准化方法的公式（docs/methods.md）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="313"/>
        <source>Formulas of the means and the weighting methods (docs/methods.md)</source>
        <translation>各平均方法与赋权方法的公式（docs/methods.md）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="316"/>
        <source>Display</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="317"/>
        <source>Score &amp;decimals:</source>
        <translation>得分小数位(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="319"/>
        <source>automatic (from the scale: 0.962, 202.29)</source>
        <translation>自动（按量级：0.962、202.29）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="320"/>
        <source>Decimals of the scores in charts, league and results table; copies and exports keep every digit</source>
        <translation>图表、排行榜和结果表中得分的小数位数；复制和导出保留全部位数</translation>
    </message>
    <message>
        <source>Use the weights of the framework, or give the nodes of each dimension equal weights</source>
        <translation type="vanished">使用指标框架中的权重，或对每个维度内的节点赋予相等权重</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="301"/>
        <source>L: the value given to the lowest</source>
        <translation>L：最小值对应的数值</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="302"/>
        <source>U: the value given to the highest</source>
        <translation>U：最大值对应的数值</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="303"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="304"/>
        <source>over all periods</source>
        <translation>跨所有时期</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="173"/>
        <location filename="../../gui/sheets/treatment_log.py" line="45"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/treatment_log.py" line="45"/>
        <source>Period</source>
        <translation>时期</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/treatment_log.py" line="45"/>
        <source>Action</source>
        <translation>处理</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="116"/>
        <source>&amp;Period:</source>
        <translation>时期(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="116"/>
        <source>&amp;Values:</source>
        <translation>数值(&amp;V)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="116"/>
        <source>&amp;Correlation:</source>
        <translation>相关系数(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="116"/>
        <source>&amp;Rows:</source>
        <translation>行(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="117"/>
        <source>C&amp;olumns:</source>
        <translation>列(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="119"/>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="119"/>
        <source>Correlations</source>
        <translation>相关性</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="119"/>
        <source>Dimensions</source>
        <translation>维度</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="121"/>
        <source>raw values</source>
        <translation>原始值</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="122"/>
        <source>normalised values</source>
        <translation>标准化值</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="123"/>
        <source>The indicator table reads these; correlations, alpha and PCA read the scores</source>
        <translation>指标表读取这些值；相关系数、α 和主成分读取得分</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="124"/>
        <source>Pearson</source>
        <translation>皮尔逊</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="125"/>
        <source>Spearman (ranks)</source>
        <translation>斯皮尔曼（秩）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="173"/>
        <source>Count</source>
        <translation>个数</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="173"/>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="173"/>
        <source>Min</source>
        <translation>最小值</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="173"/>
        <source>Max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="173"/>
        <source>Mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="173"/>
        <source>SD</source>
        <translation>标准差</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="174"/>
        <location filename="../../gui/sheets/treatment_log.py" line="45"/>
        <source>Skewness</source>
        <translation>偏度</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="174"/>
        <location filename="../../gui/sheets/treatment_log.py" line="46"/>
        <source>Kurtosis</source>
        <translation>峰度</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="174"/>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="208"/>
        <source>Aggregate</source>
        <translation>综合指标</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="208"/>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="208"/>
        <source>Children</source>
        <translation>子项数</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="208"/>
        <source>Complete units</source>
        <translation>完整单元数</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="208"/>
        <source>Cronbach&apos;s alpha</source>
        <translation>克隆巴赫 α</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="209"/>
        <source>PC1 variance share</source>
        <translation>第一主成分方差占比</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="209"/>
        <source>All components (%)</source>
        <translation>各主成分（%）</translation>
    </message>
    <message>
        <source>All components</source>
        <translation type="vanished">各主成分</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="216"/>
        <source>Needs at least 2 children and 2 units with all of them</source>
        <translation>至少需要 2 个子项，且至少 2 个单元具有全部子项的值</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/treatment_log.py" line="46"/>
        <source>After</source>
        <translation>处理后（偏度 / 峰度）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/treatment_log.py" line="46"/>
        <source>Points treated</source>
        <translation>被处理的点</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/treatment_panel.py" line="73"/>
        <source>Data treatment</source>
        <translation>数据处理</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/treatment_panel.py" line="74"/>
        <source>&amp;Denominate:</source>
        <translation>分母化(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/treatment_panel.py" line="74"/>
        <source>Divide each indicator by its Meta Denominator column</source>
        <translation>将各指标除以其 Meta 中 Denominator 列指定的分母</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/treatment_panel.py" line="75"/>
        <source>&amp;Imputation:</source>
        <translation>插补(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/treatment_panel.py" line="75"/>
        <source>How missing values are filled before normalisation</source>
        <translation>标准化之前如何填补缺失值</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/treatment_panel.py" line="76"/>
        <source>&amp;Group:</source>
        <translation>分组(&amp;G)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/treatment_panel.py" line="76"/>
        <source>The group column of the group mean and group median</source>
        <translation>组内均值和组内中位数所用的分组列</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/treatment_panel.py" line="77"/>
        <source>&amp;Screening:</source>
        <translation>筛选(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/treatment_panel.py" line="77"/>
        <source>Leave out unit-periods with too few indicators</source>
        <translation>剔除指标数据过少的单元-时期</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/treatment_panel.py" line="78"/>
        <source>Needs at &amp;least:</source>
        <translation>至少需要(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/treatment_panel.py" line="78"/>
        <source>The share of indicators a unit-period needs</source>
        <translation>一个单元-时期至少需要的指标比例</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/treatment_panel.py" line="79"/>
        <source>&amp;Outliers:</source>
        <translation>离群值(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/treatment_panel.py" line="79"/>
        <source>Outlier treatment of each indicator, as COINr does it</source>
        <translation>按 COINr 的方法处理各指标的离群值</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/treatment_panel.py" line="84"/>
        <source>per denominator</source>
        <translation>按分母</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/treatment_panel.py" line="85"/>
        <source>on</source>
        <translation>启用</translation>
    </message>
</context>
<context>
    <name>AhpDialog</name>
    <message>
        <location filename="../../gui/sheets/ahp_editor.py" line="160"/>
        <source>AHP pairwise comparisons</source>
        <translation>AHP 两两比较</translation>
    </message>
</context>
<context>
    <name>AhpEditor</name>
    <message>
        <location filename="../../gui/sheets/ahp_editor.py" line="65"/>
        <source>&amp;Node:</source>
        <translation>节点(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/ahp_editor.py" line="67"/>
        <source>Upper triangle: how many times more important the row is than the column (1 to 9, or 1/3 ...); the lower triangle follows</source>
        <translation>上三角：行指标比列指标重要几倍（1 到 9，或 1/3 等）；下三角自动取倒数</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/ahp_editor.py" line="87"/>
        <source>No node has two or more children.</source>
        <translation>没有节点拥有两个或更多下级。</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/ahp_editor.py" line="122"/>
        <source>&apos;{0}&apos; is not a judgement: enter a number above zero such as 3 or 1/3</source>
        <translation>“{0}”不是有效的判断值：请输入大于零的数，例如 3 或 1/3</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/ahp_editor.py" line="141"/>
        <source>Weights: {0}</source>
        <translation>权重：{0}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/ahp_editor.py" line="143"/>
        <source>λmax = {0}, CI = {1}, CR = {2}</source>
        <translation>λmax = {0}，CI = {1}，CR = {2}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/ahp_editor.py" line="146"/>
        <source>(above 0.1: revise the judgements)</source>
        <translation>（大于 0.1：请修改判断值）</translation>
    </message>
</context>
<context>
    <name>AnalysisChart</name>
    <message>
        <location filename="../../gui/analysis/charts.py" line="39"/>
        <source>Run the analysis to see how far the results can move</source>
        <translation>运行分析以查看结果可能的变动范围</translation>
    </message>
</context>
<context>
    <name>AnalysisPane</name>
    <message>
        <location filename="../../gui/analysis/pane.py" line="158"/>
        <source>Replications</source>
        <translation>重复次数</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/pane.py" line="158"/>
        <source>Weights noise</source>
        <translation>权重扰动幅度</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/pane.py" line="159"/>
        <source>Noisy levels</source>
        <translation>扰动层级</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/pane.py" line="159"/>
        <source>Normalisations</source>
        <translation>标准化方法</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/pane.py" line="160"/>
        <source>Aggregations</source>
        <translation>汇总方法</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/pane.py" line="160"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/pane.py" line="162"/>
        <source>Each weight of a noisy level becomes w + U(-1, 1) × noise × w</source>
        <translation>扰动层级的每个权重变为 w + U(-1, 1) × 扰动幅度 × w</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/pane.py" line="164"/>
        <source>Perturb the weights of this level (1 = indicators)</source>
        <translation>扰动这一层的权重（1 = 指标）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/pane.py" line="165"/>
        <source>Leave out one indicator per replication</source>
        <translation>每次重复计算剔除一个指标</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/pane.py" line="167"/>
        <source>Sensitivity (Sobol indices)</source>
        <translation>敏感性分析（Sobol 指数）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/pane.py" line="168"/>
        <source>Run analysis</source>
        <translation>运行分析</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/pane.py" line="169"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/pane.py" line="180"/>
        <source>Imputation on and off</source>
        <translation>插补开或关</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/pane.py" line="181"/>
        <source>Outlier treatment on and off</source>
        <translation>离群值处理开或关</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/pane.py" line="183"/>
        <source>Each replication imputes missing values as the project does ({0}) or leaves them missing</source>
        <translation>每次重复计算或按项目的方法（{0}）插补缺失值，或保留缺失</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/pane.py" line="186"/>
        <source>Disabled: the project imputes no values (choose an imputation method in the method settings)</source>
        <translation>不可用：项目未插补任何值（请在方法设置中选择插补方法）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/pane.py" line="190"/>
        <source>Each replication treats outliers as the project does ({0}) or leaves the values as they are</source>
        <translation>每次重复计算或按项目的方法（{0}）处理离群值，或保持原值</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/pane.py" line="193"/>
        <source>Disabled: the project treats no outliers (choose an outlier treatment in the method settings)</source>
        <translation>不可用：项目未处理离群值（请在方法设置中选择离群值处理方法）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/pane.py" line="286"/>
        <source>Running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/pane.py" line="298"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/pane.py" line="320"/>
        <source>{0} replications in {1} s</source>
        <translation>{0} 次重复计算，用时 {1} 秒</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/pane.py" line="336"/>
        <source>Last analysis: {0} replications</source>
        <translation>上次分析：{0} 次重复</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/pane.py" line="338"/>
        <location filename="../../gui/analysis/pane.py" line="350"/>
        <source>The project has changed since this analysis: run it again to update it</source>
        <translation>此次分析之后项目已有改动：请重新运行以更新结果</translation>
    </message>
</context>
<context>
    <name>BlockEdits</name>
    <message>
        <location filename="../../gui/sheets/data_edits.py" line="108"/>
        <source>Nothing to copy: select cells first</source>
        <translation>没有可复制的内容：请先选择单元格</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_edits.py" line="129"/>
        <source>Copied {0} × {1} cells</source>
        <translation>已复制 {0} × {1} 个单元格</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_edits.py" line="143"/>
        <source>Nothing to delete: select value cells first</source>
        <translation>没有可删除的内容：请先选择数值单元格</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/sheets/data_edits.py" line="146"/>
        <source>Clear %n value(s)</source>
        <translation>
            <numerusform>清除 %n 个数值</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/sheets/data_edits.py" line="148"/>
        <source>%n value(s) made missing</source>
        <translation>
            <numerusform>已将 %n 个数值设为缺失</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_edits.py" line="160"/>
        <source>Nothing to paste: the clipboard holds no cells</source>
        <translation>没有可粘贴的内容：剪贴板中没有单元格</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_edits.py" line="170"/>
        <source>Nothing pasted: there is no value row below the selection</source>
        <translation>未粘贴：所选位置下方没有数值行</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_edits.py" line="184"/>
        <source>Nothing pasted: the block lies beyond the sheet&apos;s edge</source>
        <translation>未粘贴：粘贴块超出表格边界</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/sheets/data_edits.py" line="188"/>
        <location filename="../../gui/sheets/data_edits.py" line="258"/>
        <source>Paste %n value(s)</source>
        <translation>
            <numerusform>粘贴 %n 个数值</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_edits.py" line="205"/>
        <source>Nothing pasted: choose the cell to paste into</source>
        <translation>未粘贴：请选择要粘贴到的单元格</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_edits.py" line="208"/>
        <source>Nothing pasted: paste into a value cell (the label columns cannot be edited)</source>
        <translation>未粘贴：请粘贴到数值单元格（标签列不可编辑）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_edits.py" line="228"/>
        <source>beyond the sheet&apos;s edge</source>
        <translation>超出表格边界</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_edits.py" line="230"/>
        <source>nothing pasted: row {0}, column {1} of the pasted block (for {2}): {3}</source>
        <translation>未粘贴：粘贴块第 {0} 行第 {1} 列（对应 {2}）：{3}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_edits.py" line="243"/>
        <source>Pasted {0} × {1} values</source>
        <translation>已粘贴 {0} × {1} 个数值</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_edits.py" line="245"/>
        <source>; clipped at the sheet&apos;s edge: {0} row(s) and {1} column(s) of the block were left out</source>
        <translation>；在表格边界处截断：粘贴块中有 {0} 行和 {1} 列未粘贴</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_edits.py" line="254"/>
        <source>nothing pasted into the {0} selected cells (the first: {1}): {2}</source>
        <translation>未粘贴到所选的 {0} 个单元格（第一个：{1}）：{2}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/sheets/data_edits.py" line="260"/>
        <source>Pasted one value into %n cell(s)</source>
        <translation>
            <numerusform>已将一个数值粘贴到 %n 个单元格</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_edits.py" line="302"/>
        <source>Nothing to fill: select the value to copy and the cells to fill</source>
        <translation>无可填充内容：请选择要复制的数值及要填充的单元格</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_edits.py" line="304"/>
        <source>Nothing to fill: select the value to copy and the cells to fill on its right</source>
        <translation>无可填充内容：请选择要复制的数值及其右侧要填充的单元格</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/sheets/data_edits.py" line="307"/>
        <source>Fill down %n value(s)</source>
        <translation>
            <numerusform>向下填充 %n 个数值</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/sheets/data_edits.py" line="308"/>
        <source>Fill right %n value(s)</source>
        <translation>
            <numerusform>向右填充 %n 个数值</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/sheets/data_edits.py" line="311"/>
        <source>Filled %n value(s)</source>
        <translation>
            <numerusform>已填充 %n 个数值</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChartBase</name>
    <message>
        <location filename="../../gui/charts/base.py" line="330"/>
        <source>No data</source>
        <translation>没有数据</translation>
    </message>
    <message>
        <location filename="../../gui/charts/base.py" line="338"/>
        <source>No data for {0}</source>
        <translation>{0} 没有数据</translation>
    </message>
    <message>
        <location filename="../../gui/charts/base.py" line="340"/>
        <source>One period: no change to show</source>
        <translation>只有一个时期：没有变化可显示</translation>
    </message>
    <message>
        <location filename="../../gui/charts/base.py" line="342"/>
        <source>The index has no dimensions: its indicators are right under it (add dimensions in the framework)</source>
        <translation>指数没有维度：各指标直接位于指数之下（请在指标框架中添加维度）</translation>
    </message>
    <message>
        <location filename="../../gui/charts/base.py" line="348"/>
        <source>{0} needs two or more units; choose fixed base</source>
        <translation>{0}需要两个或更多单元；请选择定基</translation>
    </message>
</context>
<context>
    <name>ChartExportDialog</name>
    <message>
        <location filename="../../gui/exporting/chart_images.py" line="87"/>
        <source>Export Chart Images</source>
        <translation>导出图表图片</translation>
    </message>
    <message>
        <location filename="../../gui/exporting/chart_images.py" line="88"/>
        <source>&amp;Folder:</source>
        <translation>文件夹(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../gui/exporting/chart_images.py" line="89"/>
        <source>Images:</source>
        <translation>图片：</translation>
    </message>
    <message>
        <location filename="../../gui/exporting/chart_images.py" line="90"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../gui/exporting/chart_images.py" line="91"/>
        <source>&amp;PNG at</source>
        <translation>&amp;PNG，倍率</translation>
    </message>
    <message>
        <location filename="../../gui/exporting/chart_images.py" line="94"/>
        <source>{0}× — {1} × {2} pixels ({3} dpi)</source>
        <translation>{0}× — {1} × {2} 像素（{3} dpi）</translation>
    </message>
    <message>
        <location filename="../../gui/exporting/chart_images.py" line="96"/>
        <source>&amp;SVG (vector, for editing and print)</source>
        <translation>&amp;SVG（矢量图，便于编辑和印刷）</translation>
    </message>
    <message>
        <location filename="../../gui/exporting/chart_images.py" line="97"/>
        <source>B&amp;ackground:</source>
        <translation>背景(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../gui/exporting/chart_images.py" line="98"/>
        <source>White</source>
        <translation>白色</translation>
    </message>
    <message>
        <location filename="../../gui/exporting/chart_images.py" line="99"/>
        <source>Transparent</source>
        <translation>透明</translation>
    </message>
    <message>
        <location filename="../../gui/exporting/chart_images.py" line="102"/>
        <source>Folder for the chart images</source>
        <translation>存放图表图片的文件夹</translation>
    </message>
</context>
<context>
    <name>ChartLegend</name>
    <message>
        <location filename="../../gui/charts/legend.py" line="170"/>
        <location filename="../../gui/charts/legend.py" line="206"/>
        <source>+{0} more</source>
        <translation>另有 {0} 个</translation>
    </message>
</context>
<context>
    <name>ChartMenu</name>
    <message>
        <location filename="../../gui/charts/menu.py" line="70"/>
        <source>Save as PNG…</source>
        <translation>另存为 PNG…</translation>
    </message>
    <message>
        <location filename="../../gui/charts/menu.py" line="71"/>
        <source>Save as SVG…</source>
        <translation>另存为 SVG…</translation>
    </message>
    <message>
        <location filename="../../gui/charts/menu.py" line="72"/>
        <source>Copy image</source>
        <translation>复制图片</translation>
    </message>
    <message>
        <location filename="../../gui/charts/menu.py" line="73"/>
        <source>Background of saved images</source>
        <translation>保存图像的背景</translation>
    </message>
    <message>
        <location filename="../../gui/charts/menu.py" line="74"/>
        <source>White</source>
        <translation>白色</translation>
    </message>
    <message>
        <location filename="../../gui/charts/menu.py" line="75"/>
        <source>Transparent</source>
        <translation>透明</translation>
    </message>
    <message>
        <location filename="../../gui/charts/menu.py" line="76"/>
        <source>Reset view</source>
        <translation>重置视图</translation>
    </message>
    <message>
        <location filename="../../gui/charts/menu.py" line="77"/>
        <source>Save or copy this chart</source>
        <translation>保存或复制此图表</translation>
    </message>
    <message>
        <location filename="../../gui/charts/menu.py" line="87"/>
        <source>Chart copied: {0}</source>
        <translation>已复制图表：{0}</translation>
    </message>
    <message>
        <location filename="../../gui/charts/menu.py" line="96"/>
        <source>Save chart as SVG</source>
        <translation>将图表保存为 SVG</translation>
    </message>
    <message>
        <location filename="../../gui/charts/menu.py" line="96"/>
        <source>SVG image (*.svg)</source>
        <translation>SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <location filename="../../gui/charts/menu.py" line="98"/>
        <source>Save chart as PNG</source>
        <translation>将图表保存为 PNG</translation>
    </message>
    <message>
        <location filename="../../gui/charts/menu.py" line="98"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../../gui/charts/menu.py" line="109"/>
        <source>Chart saved to {0}</source>
        <translation>图表已保存到 {0}</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <location filename="../../gui/charts/panel.py" line="270"/>
        <source>the only period</source>
        <translation>唯一的时期</translation>
    </message>
    <message>
        <location filename="../../gui/charts/panel.py" line="336"/>
        <source>&amp;Unit:</source>
        <translation>单元(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../gui/charts/panel.py" line="337"/>
        <source>&amp;Compare:</source>
        <translation>对比(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../gui/charts/panel.py" line="338"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../gui/charts/panel.py" line="339"/>
        <source>Units drawn beside the chosen one on the composite chart</source>
        <translation>在综合指数图中与所选单元一同绘制的单元</translation>
    </message>
    <message>
        <location filename="../../gui/charts/panel.py" line="340"/>
        <source>&amp;Period:</source>
        <translation>时期(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../gui/charts/panel.py" line="341"/>
        <source>The period of the radar, the ranking and the league table</source>
        <translation>雷达图、排名图和排行榜的时期</translation>
    </message>
    <message>
        <location filename="../../gui/charts/panel.py" line="342"/>
        <source>Tabs</source>
        <translation>标签页</translation>
    </message>
    <message>
        <location filename="../../gui/charts/panel.py" line="343"/>
        <source>Show the charts in tabs instead of a grid</source>
        <translation>以标签页而非网格显示图表</translation>
    </message>
    <message>
        <location filename="../../gui/charts/panel.py" line="344"/>
        <source>Index</source>
        <translation>指数</translation>
    </message>
    <message>
        <location filename="../../gui/charts/panel.py" line="344"/>
        <source>Dimensions</source>
        <translation>维度</translation>
    </message>
    <message>
        <location filename="../../gui/charts/panel.py" line="344"/>
        <source>Contributions</source>
        <translation>贡献</translation>
    </message>
    <message>
        <location filename="../../gui/charts/panel.py" line="344"/>
        <source>Radar</source>
        <translation>雷达图</translation>
    </message>
    <message>
        <location filename="../../gui/charts/panel.py" line="345"/>
        <source>Ranking</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../../gui/charts/panel.py" line="345"/>
        <source>League table</source>
        <translation>排行榜</translation>
    </message>
</context>
<context>
    <name>CompositeChart</name>
    <message>
        <location filename="../../gui/charts/lines.py" line="152"/>
        <location filename="../../gui/charts/lines.py" line="194"/>
        <source>5–95 %</source>
        <translation>5–95 %</translation>
    </message>
    <message>
        <location filename="../../gui/charts/lines.py" line="158"/>
        <source>5th–95th percentile of {0} replications</source>
        <translation>{0} 次重复的第 5–95 百分位</translation>
    </message>
    <message>
        <location filename="../../gui/charts/lines.py" line="189"/>
        <source>Composite index: {0}</source>
        <translation>综合指数：{0}</translation>
    </message>
    <message>
        <location filename="../../gui/charts/lines.py" line="189"/>
        <source>Composite index</source>
        <translation>综合指数</translation>
    </message>
    <message>
        <location filename="../../gui/charts/lines.py" line="210"/>
        <source>{0} · {1} % a year</source>
        <translation>{0} · 年均 {1} %</translation>
    </message>
    <message>
        <location filename="../../gui/charts/lines.py" line="210"/>
        <source>{0}
{1} % a year</source>
        <translation>{0}
年均 {1} %</translation>
    </message>
    <message>
        <location filename="../../gui/charts/lines.py" line="365"/>
        <source>Average growth: {0} % a year</source>
        <translation>年均增长：{0} %</translation>
    </message>
    <message>
        <location filename="../../gui/charts/lines.py" line="368"/>
        <source>5th–95th percentile: {0} to {1} ({2} replications)</source>
        <translation>第 5–95 百分位：{0} 至 {1}（{2} 次重复）</translation>
    </message>
</context>
<context>
    <name>ContributionChart</name>
    <message>
        <location filename="../../gui/charts/contribution.py" line="150"/>
        <source>Contributions (one period, no change): {0}</source>
        <translation>贡献（仅一个时期，无变化）：{0}</translation>
    </message>
    <message>
        <location filename="../../gui/charts/contribution.py" line="153"/>
        <source>Contributions to the change since {0} (points): {1}</source>
        <translation>{0} 年以来变化的贡献（点）：{1}</translation>
    </message>
    <message>
        <location filename="../../gui/charts/contribution.py" line="121"/>
        <location filename="../../gui/charts/contribution.py" line="213"/>
        <source>Change of the index</source>
        <translation>指数变化</translation>
    </message>
    <message>
        <location filename="../../gui/charts/contribution.py" line="121"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../gui/charts/contribution.py" line="123"/>
        <source>Change, incomplete (a part is missing)</source>
        <translation>变化（不完整：有部分缺失）</translation>
    </message>
    <message>
        <location filename="../../gui/charts/contribution.py" line="124"/>
        <source>Incomplete</source>
        <translation>不完整</translation>
    </message>
    <message>
        <location filename="../../gui/charts/contribution.py" line="167"/>
        <source>{0} has no index score in {1}, the base period: no change to show</source>
        <translation>{0}在基期{1}没有指数得分：无从显示变化</translation>
    </message>
    <message>
        <location filename="../../gui/charts/contribution.py" line="214"/>
        <location filename="../../gui/charts/contribution.py" line="228"/>
        <source>{0} points</source>
        <translation>{0} 点</translation>
    </message>
    <message>
        <location filename="../../gui/charts/contribution.py" line="217"/>
        <source>Incomplete, no contribution of: {0}</source>
        <translation>不完整，缺少以下部分的贡献：{0}</translation>
    </message>
    <message>
        <location filename="../../gui/charts/contribution.py" line="230"/>
        <source>{0} % of the change</source>
        <translation>占变化的 {0} %</translation>
    </message>
</context>
<context>
    <name>DataGridModel</name>
    <message>
        <location filename="../../gui/sheets/data_marks.py" line="116"/>
        <source>&apos;{0}&apos; cannot be computed here: all its indicators are missing</source>
        <translation>“{0}”在此无法计算：其全部指标均缺失</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_marks.py" line="118"/>
        <source>&apos;{0}&apos; was computed without this value (weights shared among the indicators present)</source>
        <translation>“{0}”的计算未使用此值（权重在现有指标间分配）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_marks.py" line="208"/>
        <source>imputed ({0})</source>
        <translation>已插补（{0}）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_marks.py" line="212"/>
        <source>This unit-period was screened out: fewer than {0} of its indicators have a value (screening threshold)</source>
        <translation>此单位-时期已被筛除：有值的指标不足 {0}（筛选阈值）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid.py" line="243"/>
        <source>{0}, {1}</source>
        <comment>unit, indicator</comment>
        <translation>{0}，{1}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid.py" line="244"/>
        <source>{0}, {1}, {2}</source>
        <comment>unit, period, indicator</comment>
        <translation>{0}，{1}，{2}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid.py" line="311"/>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid.py" line="326"/>
        <source>Edit {0} {1}</source>
        <translation>编辑 {0} {1}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid.py" line="328"/>
        <source>Edit {0} values</source>
        <translation>编辑 {0} 个数值</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid.py" line="344"/>
        <source>&apos;{0}&apos; is a percentage; type the number in the indicator&apos;s own unit, without %</source>
        <translation>“{0}”是百分数；请按指标自身的计量单位输入数字，不带 %</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid.py" line="347"/>
        <source>&apos;{0}&apos; is not a number (use a point for decimals; commas only between thousands)</source>
        <translation>“{0}”不是数字（小数请用小数点；逗号只能用作千位分隔符）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid.py" line="350"/>
        <source>&apos;{0}&apos; is not a finite number; type a number such as 12.5</source>
        <translation>“{0}”不是有限数值；请输入数字，如 12.5</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid.py" line="351"/>
        <source>&apos;{0}&apos; is not a number; type a number such as 1,234.5, or leave the cell empty for a missing value</source>
        <translation>“{0}”不是数字；请输入数字（如 1,234.5），或留空表示缺失值</translation>
    </message>
</context>
<context>
    <name>DataSheet</name>
    <message>
        <location filename="../../gui/sheets/data_sheet.py" line="166"/>
        <source>By unit</source>
        <translation>按单元</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_sheet.py" line="167"/>
        <source>One unit: indicators as rows (under their dimensions), periods as columns</source>
        <translation>单个单元：指标为行（按维度分组），时期为列</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_sheet.py" line="169"/>
        <source>By period</source>
        <translation>按时期</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_sheet.py" line="170"/>
        <source>One period: units as rows, indicators as columns</source>
        <translation>单个时期：单元为行，指标为列</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_sheet.py" line="171"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_sheet.py" line="172"/>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_sheet.py" line="173"/>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_sheet.py" line="174"/>
        <source>&amp;Delete (make missing)</source>
        <translation>删除（设为缺失）(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_sheet.py" line="175"/>
        <source>Fill &amp;down</source>
        <translation>向下填充(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_sheet.py" line="176"/>
        <source>Fill &amp;right</source>
        <translation>向右填充(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_sheet.py" line="177"/>
        <source>Units and periods</source>
        <translation>单位与时期</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_sheet.py" line="178"/>
        <source>Add, rename or delete a unit; add or delete a period (each one undo step)</source>
        <translation>添加、重命名或删除单位；添加或删除时期（每次操作可撤销）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_sheet.py" line="187"/>
        <source>&amp;Unit:</source>
        <translation>单元(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_sheet.py" line="189"/>
        <source>&amp;Period:</source>
        <translation>时期(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_sheet.py" line="196"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_sheet.py" line="334"/>
        <source>Not changed: {0}</source>
        <translation>未修改：{0}</translation>
    </message>
</context>
<context>
    <name>DimensionChart</name>
    <message>
        <location filename="../../gui/charts/lines.py" line="442"/>
        <source>Dimensions: {0}</source>
        <translation>各维度：{0}</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <location filename="../../gui/window/file_actions.py" line="123"/>
        <source>&amp;Import Workbook…</source>
        <translation>导入工作簿(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="124"/>
        <source>Read indicator values from an Excel workbook, OpenDocument sheet or CSV</source>
        <translation>从 Excel 工作簿、OpenDocument 表格或 CSV 读取指标数值</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="125"/>
        <source>Re&amp;fresh from Source</source>
        <translation>从数据源刷新(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="126"/>
        <source>Import the workbooks this project came from again and show what changed</source>
        <translation>重新导入本项目来源的工作簿，并显示有哪些变化</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="127"/>
        <source>&amp;Results Workbook with Formulas (.xlsx)…</source>
        <translation>含公式的结果工作簿(.xlsx)(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="128"/>
        <source>Every result as live Excel formulas over the raw data, for audit</source>
        <translation>所有结果以基于原始数据的 Excel 公式给出，便于核查</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="129"/>
        <source>&amp;Chart Images (PNG, SVG)…</source>
        <translation>图表图片（PNG、SVG）(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="130"/>
        <source>Every chart as PNG at a chosen resolution and as SVG</source>
        <translation>所有图表按所选分辨率导出为 PNG，并导出为 SVG</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="131"/>
        <source>&amp;PDF Report…</source>
        <translation>PDF 报告(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="132"/>
        <source>Framework, method, results and charts in a PDF, in the interface&apos;s language</source>
        <translation>以界面语言生成包含指标框架、方法、结果和图表的 PDF</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="133"/>
        <source>COINr &amp;iData / iMeta (CSV)…</source>
        <translation>COINr &amp;iData / iMeta（CSV）…</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="134"/>
        <source>Tables that COINr&apos;s new_coin reads</source>
        <translation>COINr 的 new_coin 可读取的数据表</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="135"/>
        <source>Empty &amp;Template Workbook…</source>
        <translation>空白模板工作簿(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="136"/>
        <source>A workbook to fill in and open or import</source>
        <translation>供填写后打开或导入的工作簿</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="150"/>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="171"/>
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="171"/>
        <source>Not refreshed</source>
        <translation>未刷新</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="176"/>
        <source>Exported {0}</source>
        <translation>已导出 {0}</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="182"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="228"/>
        <source>Imported {0}: {1} cell(s) changed</source>
        <translation>已导入 {0}：{1} 个单元格有变化</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="229"/>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="237"/>
        <source>Imported as a new project; save it to keep it</source>
        <translation>已作为新项目导入；请保存以保留</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="244"/>
        <location filename="../../gui/window/file_actions.py" line="288"/>
        <source>Refresh from Source</source>
        <translation>从数据源刷新</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="245"/>
        <source>This project was not imported from a workbook with the import wizard, so there is nothing to refresh from.</source>
        <translation>本项目不是通过导入向导从工作簿导入的，因此没有可刷新的数据源。</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="250"/>
        <source>The source workbook is no longer there:
{0}

Import it again with File &gt; Import Workbook.</source>
        <translation>源工作簿已不存在：
{0}

请通过“文件 &gt; 导入工作簿”重新导入。</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="257"/>
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="271"/>
        <source>From {0}:</source>
        <translation>来自 {0}：</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="277"/>
        <location filename="../../gui/window/file_actions.py" line="280"/>
        <source>Refresh from {0}</source>
        <translation>从 {0} 刷新</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="286"/>
        <source>Nothing changed: the project already has the workbook&apos;s values.</source>
        <translation>没有变化：项目中已是该工作簿的数值。</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="287"/>
        <source>Refreshed: {0} cell(s) changed</source>
        <translation>已刷新：{0} 个单元格有变化</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="297"/>
        <source>Export Results Workbook</source>
        <translation>导出结果工作簿</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="298"/>
        <location filename="../../gui/window/file_actions.py" line="377"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="307"/>
        <source>Writing {0} (values only: too many cells for formulas)…</source>
        <translation>正在写入 {0}（仅数值：单元格过多，不写公式）…</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="309"/>
        <location filename="../../gui/window/file_actions.py" line="351"/>
        <source>Writing {0}…</source>
        <translation>正在写入 {0}…</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="330"/>
        <source>{0} chart file(s) to {1}</source>
        <translation>{0} 个图表文件已保存到 {1}</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="338"/>
        <source>Export PDF Report</source>
        <translation>导出 PDF 报告</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="339"/>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="357"/>
        <source>Export COINr iData</source>
        <translation>导出 COINr iData</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="358"/>
        <source>CSV tables (*.csv)</source>
        <translation>CSV 数据表 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="369"/>
        <source>COINr export</source>
        <translation>COINr 导出</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="370"/>
        <source>Written, with these adaptations:</source>
        <translation>已写出，并作了以下调整：</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="376"/>
        <source>Save Template Workbook</source>
        <translation>保存模板工作簿</translation>
    </message>
    <message>
        <location filename="../../gui/window/file_actions.py" line="376"/>
        <source>template</source>
        <translation>模板</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../gui/importing/file_page.py" line="58"/>
        <source>Choose a workbook</source>
        <translation>选择工作簿</translation>
    </message>
    <message>
        <location filename="../../gui/importing/file_page.py" line="59"/>
        <source>Indicator values from an Excel workbook (.xlsx, .xlsm, .xls, .xlsb), an OpenDocument spreadsheet (.ods) or a CSV table (UTF-8 or GB18030). Title rows, units, merged headers, footnotes and numbers written as text are handled; the next page shows what will be read.</source>
        <translation>从 Excel 工作簿（.xlsx、.xlsm、.xls、.xlsb）、OpenDocument 电子表格（.ods）或 CSV 表（UTF-8 或 GB18030）读取指标数值。可处理标题行、计量单位、合并的表头、脚注以及以文本形式书写的数字；下一页将显示要读取的内容。</translation>
    </message>
    <message>
        <location filename="../../gui/importing/file_page.py" line="63"/>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../gui/importing/file_page.py" line="64"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../gui/importing/file_page.py" line="65"/>
        <source>Import into</source>
        <translation>导入到</translation>
    </message>
    <message>
        <location filename="../../gui/importing/file_page.py" line="66"/>
        <source>the &amp;open project (one step you can undo)</source>
        <translation>当前打开的项目（可一步撤销）(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../gui/importing/file_page.py" line="67"/>
        <source>a &amp;new project</source>
        <translation>新项目(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../gui/importing/file_page.py" line="68"/>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../gui/importing/file_page.py" line="74"/>
        <source>Import workbook</source>
        <translation>导入工作簿</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../gui/sheets/find_bar.py" line="77"/>
        <source>Find in names, codes, periods and values</source>
        <translation>在名称、代码、时期和数值中查找</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/find_bar.py" line="78"/>
        <source>Find previous (Shift+Enter, Shift+F3)</source>
        <translation>查找上一个（Shift+Enter、Shift+F3）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/find_bar.py" line="79"/>
        <source>Find next (Enter, F3)</source>
        <translation>查找下一个（Enter、F3）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/find_bar.py" line="80"/>
        <source>Close the find bar (Esc)</source>
        <translation>关闭查找栏（Esc）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/find_bar.py" line="121"/>
        <source>Find in {0}:</source>
        <translation>在{0}中查找：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/find_bar.py" line="123"/>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/find_bar.py" line="175"/>
        <source>No matches</source>
        <translation>无匹配项</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/find_bar.py" line="179"/>
        <source>{0} of {1}</source>
        <translation>第 {0} 个，共 {1} 个</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/sheets/find_bar.py" line="180"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 个匹配项</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <location filename="../../gui/importing/wizard.py" line="69"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../gui/importing/wizard.py" line="71"/>
        <source>{0} cell(s) cannot be read</source>
        <translation>{0} 个单元格无法读取</translation>
    </message>
    <message>
        <location filename="../../gui/importing/wizard.py" line="72"/>
        <source>Import them as &amp;missing values</source>
        <translation>作为缺失值导入(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../gui/importing/wizard.py" line="73"/>
        <source>&amp;Keep the project&apos;s values in those cells</source>
        <translation>保留项目中这些单元格的数值(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../gui/importing/wizard.py" line="74"/>
        <source>To import nothing, press Cancel and correct the workbook first.</source>
        <translation>如不想导入任何内容，请按“取消”，先修正工作簿。</translation>
    </message>
    <message>
        <location filename="../../gui/importing/wizard.py" line="75"/>
        <source>What Finish will do:</source>
        <translation>点击“完成”后将：</translation>
    </message>
    <message>
        <location filename="../../gui/importing/wizard.py" line="84"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../gui/importing/wizard.py" line="105"/>
        <source>A new project from {0}: {1} indicator(s) under one index, {2} unit(s), {3} period(s), {4} value(s).</source>
        <translation>由 {0} 新建项目：一个指数下 {1} 个指标，{2} 个单元，{3} 个时期，{4} 个数值。</translation>
    </message>
    <message>
        <location filename="../../gui/importing/wizard.py" line="109"/>
        <source>A new project from the template {0}: its framework and settings, {1} unit(s), {2} period(s), {3} value(s).</source>
        <translation>由模板 {0} 新建项目：沿用其指标框架和设置，{1} 个单元，{2} 个时期，{3} 个数值。</translation>
    </message>
</context>
<context>
    <name>FrameworkModel</name>
    <message>
        <location filename="../../gui/sheets/framework_model.py" line="231"/>
        <source>Weight as entered, relative to the other nodes in &apos;{0}&apos;</source>
        <translation>输入的权重，相对于“{0}”中的其他节点</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_model.py" line="233"/>
        <source>Not used: the method settings give siblings equal weights</source>
        <translation>未使用：方法设置对同级节点赋予相等权重</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_model.py" line="235"/>
        <source>Not used: the method settings derive the weights ({0}); the share column shows the weights in use</source>
        <translation>未使用：方法设置中的权重由 {0} 导出；占比列显示实际使用的权重</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_model.py" line="203"/>
        <source>{0} carries {1} % of the index</source>
        <translation>{0} 占指数的 {1} %</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_model.py" line="213"/>
        <source>Double-click to reverse the direction</source>
        <translation>双击可反转方向</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_model.py" line="246"/>
        <source>Unit: {0}</source>
        <translation>计量单位：{0}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_model.py" line="250"/>
        <source>Drag onto a dimension to move it there</source>
        <translation>拖到某个维度上即可移入该维度</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_model.py" line="252"/>
        <source>Aggregated by {0}, not the project&apos;s {1}</source>
        <translation>按{0}汇总，而非项目的{1}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_model.py" line="261"/>
        <source>Name (code)</source>
        <translation>名称（代码）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_model.py" line="261"/>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_model.py" line="261"/>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_model.py" line="261"/>
        <source>Better</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_model.py" line="265"/>
        <source>Effective share of the composite index in % (product of the normalised weights along the path)</source>
        <translation>在综合指数中的实际占比（%，沿路径各级归一化权重的乘积）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_model.py" line="267"/>
        <source>Whether higher or lower values are better; double-click to reverse</source>
        <translation>数值越高越好还是越低越好；双击可反转</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_model.py" line="263"/>
        <source>Dimensions and indicators; double-click a name to edit it</source>
        <translation>维度和指标；双击名称可编辑</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_model.py" line="264"/>
        <source>Weight as entered, relative to siblings; double-click to edit</source>
        <translation>输入的权重，相对于同级节点；双击可编辑</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_model.py" line="284"/>
        <source>Rename {0}</source>
        <translation>重命名 {0}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_model.py" line="289"/>
        <source>Weight of {0}</source>
        <translation>{0} 的权重</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_model.py" line="297"/>
        <source>Direction of {0}</source>
        <translation>{0} 的方向</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_model.py" line="356"/>
        <source>Move {0}</source>
        <translation>移动 {0}</translation>
    </message>
</context>
<context>
    <name>FrameworkTree</name>
    <message>
        <location filename="../../gui/sheets/framework_model.py" line="65"/>
        <source>↑ higher</source>
        <translation>↑ 越高</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_model.py" line="66"/>
        <source>↓ lower</source>
        <translation>↓ 越低</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_model.py" line="68"/>
        <source>↑ higher is better</source>
        <translation>↑ 越高越好</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_model.py" line="69"/>
        <source>↓ lower is better</source>
        <translation>↓ 越低越好</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="228"/>
        <location filename="../../gui/sheets/framework_tree.py" line="243"/>
        <source>New indicator</source>
        <translation>新指标</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="229"/>
        <source>Add indicator {0}</source>
        <translation>添加指标 {0}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="241"/>
        <source>New dimension</source>
        <translation>新维度</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="244"/>
        <source>Add dimension {0}</source>
        <translation>添加维度 {0}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="251"/>
        <source>Added {0}</source>
        <translation>已添加 {0}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="263"/>
        <source>The English name cannot be empty</source>
        <translation>英文名称不能为空</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="274"/>
        <source>Rename {0}</source>
        <translation>重命名 {0}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="295"/>
        <source>Delete the indicator {0} and all its values?</source>
        <translation>删除指标 {0} 及其全部数值？</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="298"/>
        <source>Delete the dimension {0} with its {1} indicator(s) and all their values?</source>
        <translation>删除维度 {0} 及其下 {1} 个指标和全部数值？</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="300"/>
        <source>You can undo this with Edit &gt; Undo.</source>
        <translation>可以通过“编辑 &gt; 撤销”恢复。</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="301"/>
        <location filename="../../gui/sheets/framework_tree.py" line="305"/>
        <source>Delete {0}</source>
        <translation>删除 {0}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="307"/>
        <source>Deleted {0}</source>
        <translation>已删除 {0}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="313"/>
        <location filename="../../gui/sheets/framework_tree.py" line="376"/>
        <source>Move {0}</source>
        <translation>移动 {0}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="319"/>
        <source>Direction of {0}</source>
        <translation>{0} 的方向</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="367"/>
        <source>There is no other dimension to move {0} into</source>
        <translation>没有其他维度可供 {0} 移入</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="377"/>
        <source>Move into the dimension:</source>
        <translation>移入维度：</translation>
    </message>
</context>
<context>
    <name>GridCells</name>
    <message>
        <location filename="../../gui/sheets/data_grid_cells.py" line="197"/>
        <source>Imputed as a ratio per {0} = {1}; times {0} here ({2}) that is {3}</source>
        <translation>按每单位 {0} 的比率插补 = {1}；乘以此处的 {0}（{2}）即为 {3}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid_cells.py" line="201"/>
        <source>Imputed as a ratio per {0} = {1}; {0} has no value here, so no value of the indicator itself can be shown</source>
        <translation>按每单位 {0} 的比率插补 = {1}；此处 {0} 无数值，因此无法显示该指标本身的数值</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid_cells.py" line="204"/>
        <source>The data has no value here; type a number to fill it</source>
        <translation>数据在此处缺失；输入数字即可填写</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid_cells.py" line="257"/>
        <source>Unit: {0}</source>
        <translation>计量单位：{0}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid_cells.py" line="259"/>
        <source>Lower is better</source>
        <translation>越低越好</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid_cells.py" line="262"/>
        <source>In: {0} {1}</source>
        <translation>所属：{0} {1}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid_cells.py" line="264"/>
        <source>Source: {0}</source>
        <translation>来源：{0}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid_cells.py" line="271"/>
        <source>{0}: missing (type a number to fill it)</source>
        <translation>{0}：缺失（输入数字即可填入）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid_cells.py" line="287"/>
        <source>Unit code</source>
        <translation>单元代码</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid_cells.py" line="287"/>
        <source>Unit name</source>
        <translation>单元名称</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid_cells.py" line="288"/>
        <location filename="../../gui/sheets/data_grid_cells.py" line="297"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid_cells.py" line="288"/>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid_cells.py" line="295"/>
        <source>Indicator code</source>
        <translation>指标代码</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid_cells.py" line="295"/>
        <source>Indicator name (hover a row for more)</source>
        <translation>指标名称（鼠标悬停查看详情）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid_cells.py" line="296"/>
        <source>Unit of measure</source>
        <translation>计量单位</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid_cells.py" line="297"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid_cells.py" line="297"/>
        <source>Measured in</source>
        <translation>计量单位</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/data_grid_cells.py" line="299"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../gui/importing/models.py" line="40"/>
        <source>Workbooks and tables ({0})</source>
        <translation>工作簿和数据表 ({0})</translation>
    </message>
    <message>
        <location filename="../../gui/importing/models.py" line="41"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../gui/importing/wizard.py" line="164"/>
        <source>Import Workbook</source>
        <translation>导入工作簿</translation>
    </message>
    <message>
        <location filename="../../gui/importing/wizard.py" line="196"/>
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <location filename="../../gui/importing/wizard.py" line="207"/>
        <source>Stopped; nothing was imported.</source>
        <translation>已停止；未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../gui/importing/wizard.py" line="230"/>
        <source>This file cannot be imported; the project is unchanged.
{0}</source>
        <translation>无法导入此文件；项目未改变。
{0}</translation>
    </message>
    <message>
        <location filename="../../gui/importing/wizard.py" line="254"/>
        <source>After this import the project could not be computed: {0}</source>
        <translation>导入后项目将无法计算：{0}</translation>
    </message>
    <message>
        <location filename="../../gui/importing/wizard.py" line="286"/>
        <source>The project refused the import; nothing changed.
{0}</source>
        <translation>项目拒绝了此次导入；未作任何更改。
{0}</translation>
    </message>
    <message>
        <location filename="../../gui/importing/wizard.py" line="282"/>
        <source>Import {0}</source>
        <translation>导入 {0}</translation>
    </message>
</context>
<context>
    <name>IndicatorSheetModel</name>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="134"/>
        <source>Not used: the method settings give siblings equal weights</source>
        <translation>未使用：方法设置对同级节点赋予相等权重</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="148"/>
        <source>Follows the project&apos;s base year; choose a period to give this indicator its own</source>
        <translation>沿用项目的基期；选择一个时期可为此指标单独设定</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="150"/>
        <location filename="../../gui/sheets/indicator_sheet.py" line="165"/>
        <location filename="../../gui/sheets/indicator_sheet.py" line="244"/>
        <location filename="../../gui/sheets/indicator_sheet.py" line="247"/>
        <source>project ({0})</source>
        <translation>项目（{0}）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="163"/>
        <source>Follows the project&apos;s normalisation; choose a method to give this indicator its own</source>
        <translation>沿用项目的标准化方法；选择一种方法可为此指标单独设定</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="176"/>
        <source>Unique code; renaming it renames the data column</source>
        <translation>唯一代码；修改后数据列也随之改名</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="177"/>
        <source>Name in English</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="177"/>
        <source>Name in Chinese</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="178"/>
        <source>The dimension the indicator belongs to; choose another to move it</source>
        <translation>指标所属的维度；选择其他维度即可移动</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="179"/>
        <source>Unit of measure</source>
        <translation>计量单位</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="179"/>
        <source>Whether higher or lower values are better</source>
        <translation>数值越高越好还是越低越好</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="180"/>
        <source>Weight relative to the other nodes of its dimension</source>
        <translation>相对于所属维度中其他节点的权重</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="181"/>
        <source>Where the data come from</source>
        <translation>数据来源</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="182"/>
        <source>A base year of this indicator&apos;s own (fixed-base normalisation)</source>
        <translation>此指标单独的基期（定基标准化）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="183"/>
        <source>A normalisation method of this indicator&apos;s own</source>
        <translation>此指标单独的标准化方法</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="185"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="185"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="185"/>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="185"/>
        <source>Dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="185"/>
        <source>Unit</source>
        <translation>计量单位</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="186"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="186"/>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="186"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="186"/>
        <source>Base year</source>
        <translation>基期</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="187"/>
        <source>Normalisation</source>
        <translation>标准化</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_sheet.py" line="198"/>
        <source>{0} of {1}</source>
        <translation>{1} 的{0}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_params.py" line="36"/>
        <source>Lower goalpost</source>
        <translation>下限阈值</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_params.py" line="37"/>
        <source>The value scored 0 by the goalposts normalisation (the worst, where higher is better); must be below the upper</source>
        <translation>阈值法中得 0 分的值（正向指标的最差值）；必须低于上限阈值</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_params.py" line="39"/>
        <source>Upper goalpost</source>
        <translation>上限阈值</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_params.py" line="40"/>
        <source>The value scored 1 (times the scale) by the goalposts normalisation</source>
        <translation>阈值法中得 1 分（乘以比例）的值</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_params.py" line="42"/>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_params.py" line="43"/>
        <source>The value scored 1 by the distance-to-target normalisation</source>
        <translation>目标距离法中得 1 分的值</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_params.py" line="44"/>
        <source>Decimals</source>
        <translation>小数位数</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_params.py" line="45"/>
        <source>Decimals the indicator&apos;s values are shown with: auto (the fewest that show every value exactly, at most 4) or 0 to 6</source>
        <translation>显示该指标数值的小数位数：自动（能准确显示所有值的最少位数，最多 4 位）或 0 到 6</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_params.py" line="83"/>
        <source>Needed by {0}, which this indicator uses</source>
        <translation>本指标使用的{0}需要此值</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_params.py" line="86"/>
        <source>Read by {0} only; this indicator uses another normalisation</source>
        <translation>只有{0}使用此值；本指标使用其他标准化方法</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_params.py" line="99"/>
        <source>Automatic: the fewest decimals that show every value exactly, at most 4</source>
        <translation>自动：能准确显示所有值的最少小数位数，最多 4 位</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_params.py" line="102"/>
        <source>auto ({0})</source>
        <translation>自动（{0}）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/indicator_params.py" line="120"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
</context>
<context>
    <name>LayoutPage</name>
    <message>
        <location filename="../../gui/importing/table_choices.py" line="21"/>
        <source>Unit &amp;code:</source>
        <translation>单元代码(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../gui/importing/table_choices.py" line="22"/>
        <source>Unit n&amp;ame:</source>
        <translation>单元名称(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../gui/importing/table_choices.py" line="23"/>
        <source>Indicator co&amp;de:</source>
        <translation>指标代码(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../gui/importing/table_choices.py" line="24"/>
        <source>&amp;Indicator name:</source>
        <translation>指标名称(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../../gui/importing/table_choices.py" line="25"/>
        <source>&amp;Period:</source>
        <translation>时期(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../gui/importing/table_choices.py" line="26"/>
        <source>&amp;Value:</source>
        <translation>数值(&amp;V)：</translation>
    </message>
    <message>
        <location filename="../../gui/importing/table_choices.py" line="27"/>
        <source>Unit of &amp;measure:</source>
        <translation>计量单位(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../gui/importing/table_choices.py" line="75"/>
        <source>Detect</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <location filename="../../gui/importing/table_choices.py" line="76"/>
        <source>Template (Data and Meta sheets)</source>
        <translation>模板（Data 和 Meta 工作表）</translation>
    </message>
    <message>
        <location filename="../../gui/importing/table_choices.py" line="77"/>
        <source>Yearbook: indicators as rows, years as columns</source>
        <translation>年鉴式：指标为行，年份为列</translation>
    </message>
    <message>
        <location filename="../../gui/importing/table_choices.py" line="78"/>
        <source>Units as rows, indicators as columns</source>
        <translation>单元为行，指标为列</translation>
    </message>
    <message>
        <location filename="../../gui/importing/table_choices.py" line="79"/>
        <source>Long: unit, year, indicator and value columns</source>
        <translation>长表：单元、年份、指标和数值各占一列</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="206"/>
        <source>Layout and header row</source>
        <translation>布局和表头行</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="207"/>
        <source>Check what will be read; correct the layout or the header row if the preview is wrong. Blue: header; green: values read; red: cells that cannot be read.</source>
        <translation>请检查将要读取的内容；如预览有误，请更正布局或表头行。蓝色：表头；绿色：读取的数值；红色：无法读取的单元格。</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="209"/>
        <source>&amp;Sheets:</source>
        <translation>工作表(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="209"/>
        <source>&amp;Layout:</source>
        <translation>布局(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="210"/>
        <source>&amp;Header row:</source>
        <translation>表头行(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="210"/>
        <source>Rows to s&amp;kip:</source>
        <translation>跳过的行数(&amp;K)：</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="211"/>
        <source>&amp;Unit:</source>
        <translation>单元(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="213"/>
        <source>Rows at the top of the sheet to ignore (titles, notes) before the table is looked for</source>
        <translation>查找表格之前，忽略工作表顶部的这些行（标题、说明）</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="215"/>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="216"/>
        <source>The column that holds each role; &apos;detect&apos; uses the column the header names (shown in brackets)</source>
        <translation>每项内容所在的列；“自动识别”使用表头所指的列（显示在括号中）</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="220"/>
        <source>Read &amp;hidden rows and columns too</source>
        <translation>同时读取隐藏的行和列(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="221"/>
        <source>from the sheet name or a unit column</source>
        <translation>取自工作表名称或单元列</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="222"/>
        <source>The unit code of a sheet that does not name its unit; with a unit column, only this unit&apos;s rows are read</source>
        <translation>未注明单元的工作表所对应的单元代码；如有单元列，则只读取该单元的行</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="224"/>
        <source>The row of the column headings (0: detect)</source>
        <translation>列标题所在的行（0：自动识别）</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="225"/>
        <location filename="../../gui/importing/pages.py" line="227"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="226"/>
        <source>Values read</source>
        <translation>读取的数值</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="227"/>
        <source>Cell</source>
        <translation>单元格</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="227"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="227"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="228"/>
        <source>The reading is a guess</source>
        <translation>读取结果是猜测的</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="229"/>
        <source>Import it as read &amp;anyway</source>
        <translation>仍按读取结果导入(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="230"/>
        <source>Extra key columns</source>
        <translation>额外的键列</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="231"/>
        <source>Rows with the same unit, period and indicator differ in these columns: keep one value of each, or make each value a separate indicator.</source>
        <translation>单元、时期和指标相同的行在这些列上不同：每列保留一个值，或把每个值作为单独的指标。</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="243"/>
        <source>Detect ({0})</source>
        <translation>自动识别（{0}）</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="251"/>
        <source>{0} (hidden)</source>
        <translation>{0}（隐藏）</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="252"/>
        <source>All sheets ({0})</source>
        <translation>全部工作表（{0}）</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="254"/>
        <source>detect (row {0})</source>
        <translation>自动识别（第 {0} 行）</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="254"/>
        <source>detect</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="255"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="258"/>
        <source>detect ({0})</source>
        <translation>自动识别（{0}）</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="259"/>
        <source>detect (none found)</source>
        <translation>自动识别（未找到）</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="378"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="378"/>
        <source>Reading sheet {0}…</source>
        <translation>正在读取工作表 {0}…</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="408"/>
        <source>{0} cell(s) cannot be read (red in the sheet). On the last page you choose to import them as missing values, or cancel.</source>
        <translation>{0} 个单元格无法读取（表中红色）。可在最后一页选择将其作为缺失值导入，或取消。</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="472"/>
        <source>Nothing read yet.</source>
        <translation>尚未读取任何内容。</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="476"/>
        <source>&apos;{0}&apos; row {1}</source>
        <translation>“{0}”第 {1} 行</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="478"/>
        <source>Read as {0}; header {1}: {2} indicator(s), {3} unit(s), {4} period(s), {5} value(s), {6} cell(s) unreadable.</source>
        <translation>按{0}读取；表头 {1}：{2} 个指标，{3} 个单元，{4} 个时期，{5} 个数值，{6} 个单元格无法读取。</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="486"/>
        <source>… and {0} more</source>
        <translation>……另有 {0} 项</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="517"/>
        <source>{0}: the total, as read</source>
        <translation>{0}：合计，按读取结果</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="518"/>
        <source>(choose a value)</source>
        <translation>（请选择一个值）</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="522"/>
        <source>each value a separate indicator</source>
        <translation>每个值作为单独的指标</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="541"/>
        <source>Settle it, or import it as read anyway (as the command line&apos;s --accept-guess).</source>
        <translation>请加以确定，或仍按读取结果导入（同命令行的 --accept-guess）。</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="549"/>
        <source>choose the column under Columns ({0})</source>
        <translation>在“列”中选择该列（{0}）</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="551"/>
        <source>check the header row, the rows to skip and the columns; imported anyway, they are missing values</source>
        <translation>请检查表头行、跳过的行数和各列；仍然导入时，它们作为缺失值</translation>
    </message>
    <message>
        <location filename="../../gui/importing/pages.py" line="553"/>
        <source>choose the unit, period and indicator columns under Columns; imported anyway, the first value of each is kept</source>
        <translation>请在“列”中选择单元、时期和指标列；仍然导入时，每格保留第一个值</translation>
    </message>
</context>
<context>
    <name>LeagueTable</name>
    <message>
        <location filename="../../gui/charts/league.py" line="193"/>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../../gui/charts/league.py" line="196"/>
        <source>League table in {0}: {1}</source>
        <translation>{0} 年排行榜：{1}</translation>
    </message>
    <message>
        <location filename="../../gui/charts/league.py" line="197"/>
        <source>League table: {0}</source>
        <translation>排行榜：{0}</translation>
    </message>
    <message>
        <location filename="../../gui/charts/league.py" line="199"/>
        <source>#: rank among the {0} units</source>
        <translation>#：在 {0} 个单元中的排名</translation>
    </message>
    <message>
        <location filename="../../gui/charts/league.py" line="201"/>
        <source>* hatched: under {0} % of the indicators have data</source>
        <translation>* 斜线填充：有数据的指标不足 {0} %</translation>
    </message>
    <message>
        <location filename="../../gui/charts/league.py" line="212"/>
        <source>No data</source>
        <translation>没有数据</translation>
    </message>
    <message>
        <location filename="../../gui/charts/league.py" line="214"/>
        <source>The league table needs two or more units.</source>
        <translation>排行榜需要两个或更多单元。</translation>
    </message>
    <message>
        <location filename="../../gui/charts/league.py" line="216"/>
        <source>No scores in {0}</source>
        <translation>{0} 没有得分</translation>
    </message>
    <message>
        <location filename="../../gui/charts/league.py" line="243"/>
        <source>Click to sort; click again to reverse</source>
        <translation>点击排序；再次点击反向排序</translation>
    </message>
    <message>
        <location filename="../../gui/charts/league.py" line="254"/>
        <source>Score: {0}</source>
        <translation>得分：{0}</translation>
    </message>
    <message>
        <location filename="../../gui/charts/league.py" line="255"/>
        <source>Rank: {0} of {1}</source>
        <translation>排名：{0} / {1}</translation>
    </message>
    <message>
        <location filename="../../gui/charts/league.py" line="256"/>
        <source>{0} of {1} indicators</source>
        <translation>{1} 个指标中的 {0} 个</translation>
    </message>
    <message>
        <location filename="../../gui/charts/league.py" line="267"/>
        <source>The first {0} of {1} units</source>
        <translation>{1} 个单元中的前 {0} 个</translation>
    </message>
    <message>
        <location filename="../../gui/charts/league.py" line="295"/>
        <source>Chart copied: {0}</source>
        <translation>已复制图表：{0}</translation>
    </message>
    <message>
        <location filename="../../gui/charts/league.py" line="302"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../../gui/charts/league.py" line="302"/>
        <source>SVG image (*.svg)</source>
        <translation>SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <location filename="../../gui/charts/league.py" line="303"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../gui/charts/league.py" line="304"/>
        <source>Save the league table</source>
        <translation>保存排行榜</translation>
    </message>
    <message>
        <location filename="../../gui/charts/league.py" line="312"/>
        <source>Chart saved to {0}</source>
        <translation>图表已保存到 {0}</translation>
    </message>
    <message>
        <location filename="../../gui/charts/league.py" line="325"/>
        <source>Save as PNG…</source>
        <translation>另存为 PNG…</translation>
    </message>
    <message>
        <location filename="../../gui/charts/league.py" line="326"/>
        <source>Save as SVG…</source>
        <translation>另存为 SVG…</translation>
    </message>
    <message>
        <location filename="../../gui/charts/league.py" line="327"/>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location filename="../../gui/charts/league.py" line="328"/>
        <source>Copy image</source>
        <translation>复制图片</translation>
    </message>
    <message>
        <location filename="../../gui/charts/league.py" line="329"/>
        <source>Show sub-dimensions</source>
        <translation>显示子维度</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/window/main_window.py" line="253"/>
        <source>Indicators: {0} · units: {1} · periods: {2}</source>
        <translation>指标：{0} · 单元：{1} · 时期：{2}</translation>
    </message>
    <message>
        <location filename="../../gui/window/main_window.py" line="304"/>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../gui/window/main_window.py" line="314"/>
        <source>Computed in {0} ms</source>
        <translation>计算用时 {0} 毫秒</translation>
    </message>
    <message>
        <location filename="../../gui/window/main_window.py" line="314"/>
        <source>Recomputed in {0} ms</source>
        <translation>重新计算用时 {0} 毫秒</translation>
    </message>
    <message>
        <location filename="../../gui/window/main_window.py" line="356"/>
        <source>Saved {0} ({1} ms)</source>
        <translation>已保存 {0}（{1} 毫秒）</translation>
    </message>
    <message>
        <location filename="../../gui/window/main_window.py" line="360"/>
        <source>Autosave failed: {0}</source>
        <translation>自动保存失败：{0}</translation>
    </message>
    <message>
        <location filename="../../gui/window/main_window.py" line="362"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../gui/window/main_window.py" line="363"/>
        <source>CoIndex could not save {0}.

{1}</source>
        <translation>CoIndex 无法保存 {0}。

{1}</translation>
    </message>
    <message>
        <location filename="../../gui/window/main_window.py" line="414"/>
        <source>Build, compute and analyse composite indices: live charts from spreadsheet-style inputs, with undo, project files and English / Chinese.</source>
        <translation>构建、计算和分析综合指数：在电子表格式的输入中修改数据，图表即时更新；支持撤销、项目文件以及中英文界面。</translation>
    </message>
    <message>
        <location filename="../../gui/window/main_window.py" line="416"/>
        <source>The bundled Chengdu–Chongqing sample is for illustration only:</source>
        <translation>随附的成渝示例仅用于演示：</translation>
    </message>
    <message>
        <location filename="../../gui/window/main_window.py" line="418"/>
        <source>About CoIndex</source>
        <translation>关于 CoIndex</translation>
    </message>
</context>
<context>
    <name>MappingModel</name>
    <message>
        <location filename="../../gui/importing/mapping.py" line="120"/>
        <location filename="../../gui/importing/mapping.py" line="134"/>
        <location filename="../../gui/importing/mapping.py" line="149"/>
        <location filename="../../gui/importing/mapping.py" line="150"/>
        <source>Do not import</source>
        <translation>不导入</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="123"/>
        <source>(no match)</source>
        <translation>（无匹配）</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="126"/>
        <source>{0} (new)</source>
        <translation>{0}（新）</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="138"/>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="141"/>
        <source>not imported</source>
        <translation>不导入</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="143"/>
        <source>new indicator under {0}</source>
        <translation>作为 {0} 下的新指标</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="144"/>
        <source>chosen</source>
        <translation>已选定</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="144"/>
        <source>matched</source>
        <translation>已匹配</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="150"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="201"/>
        <source>In the workbook</source>
        <translation>工作簿中</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="201"/>
        <source>Unit of measure</source>
        <translation>计量单位</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="201"/>
        <source>Values</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="202"/>
        <source>Project indicator</source>
        <translation>项目指标</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="202"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="202"/>
        <source>New indicator under</source>
        <translation>新指标归入</translation>
    </message>
</context>
<context>
    <name>MatchPage</name>
    <message>
        <location filename="../../gui/importing/mapping.py" line="293"/>
        <source>Match indicators, units and periods</source>
        <translation>匹配指标、单元和时期</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="294"/>
        <source>Each workbook indicator updates the project indicator with the same code, English name or Chinese name. Click a cell of &apos;Project indicator&apos; to choose another one or to leave it out; for an indicator that matches none, click its cell of &apos;New indicator under&apos; to add it under an aggregate.</source>
        <translation>工作簿中的每个指标将更新代码、英文名称或中文名称相同的项目指标。点击“项目指标”列的单元格可改选其他指标或不导入；没有匹配的指标，点击其“新指标归入”列的单元格，可将其作为新指标添加到某个上级维度之下。</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="298"/>
        <source>All indicators that match &amp;none:</source>
        <translation>所有无匹配的指标(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="299"/>
        <source>Add new &amp;units</source>
        <translation>添加新单元(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="300"/>
        <source>Add new &amp;periods</source>
        <translation>添加新时期(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="301"/>
        <source>Cells marked &amp;missing clear the project&apos;s values</source>
        <translation>标为缺失的单元格清除项目中的值(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="302"/>
        <source>Add the workbook&apos;s units that match none of the project&apos;s. Unticked, they are not imported, except that the one unit of a workbook updates the only unit of a one-unit project.</source>
        <translation>添加工作簿中与项目任何单元都不匹配的单元。不勾选时不导入这些单元；但工作簿只有一个单元、项目也只有一个单元时，用它更新项目的这个单元。</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="305"/>
        <source>Blank cells and missing marks such as &quot;—&quot; or &quot;..&quot; clear the project&apos;s values. Unticked, the project&apos;s values are kept.</source>
        <translation>空单元格和“—”、“..”等缺失标记清除项目中的值。不勾选时保留项目中的值。</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="308"/>
        <source>do not import them</source>
        <translation>不导入</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="312"/>
        <source>add them as new indicators under {0}</source>
        <translation>作为 {0} 下的新指标添加</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="314"/>
        <source>In the workbook</source>
        <translation>工作簿中</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="314"/>
        <source>In the project</source>
        <translation>项目中</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="397"/>
        <source>new unit</source>
        <translation>新单元</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="400"/>
        <source>not imported</source>
        <translation>不导入</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="409"/>
        <source>matched: {0}</source>
        <translation>已匹配：{0}</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="411"/>
        <source>new: {0}</source>
        <translation>新增：{0}</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="413"/>
        <source>not imported: {0}</source>
        <translation>不导入：{0}</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="414"/>
        <source>Periods — {0}</source>
        <translation>时期 — {0}</translation>
    </message>
    <message>
        <location filename="../../gui/importing/mapping.py" line="414"/>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../gui/window/panes.py" line="199"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../gui/window/panes.py" line="200"/>
        <source>Close this message</source>
        <translation>关闭此消息</translation>
    </message>
    <message>
        <location filename="../../gui/window/panes.py" line="202"/>
        <source>Not changed: {0}</source>
        <translation>未修改：{0}</translation>
    </message>
</context>
<context>
    <name>MethodPanel</name>
    <message>
        <source>As entered in the framework</source>
        <translation type="vanished">按指标框架中的权重</translation>
    </message>
    <message>
        <source>Equal within each dimension</source>
        <translation type="vanished">各维度内等权</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="285"/>
        <source>How the children of each node are weighted: the framework&apos;s weights, equal, derived from the data, or AHP</source>
        <translation>各节点下级的赋权方式：框架权重、等权、由数据导出，或层次分析法</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="322"/>
        <source>Edit &amp;AHP matrices…</source>
        <translation>编辑 AHP 判断矩阵(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="323"/>
        <source>Pairwise comparisons of the children of each node, with the consistency ratio</source>
        <translation>各节点下级的两两比较及一致性比率</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="343"/>
        <source>(no periods)</source>
        <translation>（无时期）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="388"/>
        <source>Method: AHP matrices</source>
        <translation>方法：AHP 判断矩阵</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="417"/>
        <location filename="../../gui/sheets/method_panel.py" line="420"/>
        <source>• {0}: {1}</source>
        <translation>• {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="419"/>
        <location filename="../../gui/sheets/method_panel.py" line="420"/>
        <source>Not available here:</source>
        <translation>此项目不可用：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="435"/>
        <source>Not available here: {0}</source>
        <translation>此项目不可用：{0}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="459"/>
        <source>Method settings</source>
        <translation>方法设置</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/method_panel.py" line="474"/>
        <source>Method: {0}</source>
        <translation>方法：{0}</translation>
    </message>
</context>
<context>
    <name>NodeDialog</name>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="60"/>
        <source>Rename {0}</source>
        <translation>重命名 {0}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="67"/>
        <source>&amp;Code:</source>
        <translation>代码(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="68"/>
        <source>&amp;English name:</source>
        <translation>英文名称(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/framework_tree.py" line="69"/>
        <source>C&amp;hinese name:</source>
        <translation>中文名称(&amp;H)：</translation>
    </message>
</context>
<context>
    <name>PendingPane</name>
    <message>
        <location filename="../../gui/window/panes.py" line="104"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>ProjectDocument</name>
    <message>
        <location filename="../../gui/base/document.py" line="284"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
</context>
<context>
    <name>ProjectFiles</name>
    <message>
        <location filename="../../gui/window/loading.py" line="268"/>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../gui/window/loading.py" line="270"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location filename="../../gui/window/loading.py" line="271"/>
        <source>{0} has changes that are not saved.

Save them before going on?</source>
        <translation>{0} 有尚未保存的更改。

是否先保存再继续？</translation>
    </message>
    <message>
        <location filename="../../gui/window/loading.py" line="288"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../gui/window/loading.py" line="316"/>
        <source>No iMeta table beside {0}: one index over its {1} indicator(s), equal weights, direction +1; edit the framework to change it</source>
        <translation>{0} 旁没有 iMeta 表：以一个指数涵盖其全部 {1} 个指标，权重相等，方向为 +1；可编辑指标框架加以修改</translation>
    </message>
    <message>
        <location filename="../../gui/window/loading.py" line="334"/>
        <source>Cannot open file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <location filename="../../gui/window/loading.py" line="335"/>
        <source>{0} no longer exists; it is removed from the recent files.</source>
        <translation>{0} 已不存在，已从最近的文件中移除。</translation>
    </message>
    <message>
        <location filename="../../gui/window/loading.py" line="354"/>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../gui/window/loading.py" line="355"/>
        <source>Save As</source>
        <translation>另存为</translation>
    </message>
</context>
<context>
    <name>RadarChart</name>
    <message>
        <location filename="../../gui/charts/radar.py" line="182"/>
        <source>Dimensions in {0}: {1}</source>
        <translation>{0} 各维度：{1}</translation>
    </message>
    <message>
        <location filename="../../gui/charts/radar.py" line="183"/>
        <source>Dimensions: {0}</source>
        <translation>各维度：{0}</translation>
    </message>
    <message>
        <location filename="../../gui/charts/radar.py" line="184"/>
        <source>Scores</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../gui/charts/radar.py" line="186"/>
        <source>Dimensions in {0} against {1}: {2}</source>
        <translation>{0} 年与 {1} 年各维度对比：{2}</translation>
    </message>
    <message>
        <location filename="../../gui/charts/radar.py" line="189"/>
        <source>{0} (base)</source>
        <translation>{0}（基期）</translation>
    </message>
    <message>
        <location filename="../../gui/charts/radar.py" line="196"/>
        <source>{0}, {1}</source>
        <translation>{0}，{1}</translation>
    </message>
</context>
<context>
    <name>RankIntervalChart</name>
    <message>
        <location filename="../../gui/analysis/charts.py" line="86"/>
        <source>Rank intervals of the index, {0} (5th to 95th percentile)</source>
        <translation>指数排名区间，{0}（第 5 至第 95 百分位）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/charts.py" line="88"/>
        <source>Rank intervals of the index (5th to 95th percentile)</source>
        <translation>指数排名区间（第 5 至第 95 百分位）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/charts.py" line="89"/>
        <source>5th–95th percentile rank</source>
        <translation>第 5–95 百分位排名</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/charts.py" line="90"/>
        <source>nominal rank</source>
        <translation>名义排名</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/charts.py" line="91"/>
        <source>median rank</source>
        <translation>排名中位数</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/charts.py" line="92"/>
        <source>rank (1 = best)</source>
        <translation>排名（1 = 最好）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/charts.py" line="131"/>
        <source>Best {0} of {1} units</source>
        <translation>{1} 个单位中的前 {0} 个</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/charts.py" line="132"/>
        <source>{0} replications</source>
        <translation>{0} 次重复计算</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/charts.py" line="165"/>
        <source>nominal rank {0}, median {1}, mean {2}
5th–95th percentile: {3}–{4}</source>
        <translation>名义排名 {0}，中位数 {1}，均值 {2}
第 5–95 百分位：{3}–{4}</translation>
    </message>
</context>
<context>
    <name>RankingChart</name>
    <message>
        <location filename="../../gui/charts/ranking.py" line="123"/>
        <source>Ranking in {0}: {1}</source>
        <translation>{0} 年排名：{1}</translation>
    </message>
    <message>
        <location filename="../../gui/charts/ranking.py" line="137"/>
        <source>The ranking needs two or more units.</source>
        <translation>排名需要两个或更多单元。</translation>
    </message>
    <message>
        <location filename="../../gui/charts/ranking.py" line="199"/>
        <source>Top {0} of {1} units</source>
        <translation>{1} 个单元中的前 {0} 名</translation>
    </message>
    <message>
        <location filename="../../gui/charts/ranking.py" line="201"/>
        <source>{0}: rank {1}</source>
        <translation>{0}：第 {1} 名</translation>
    </message>
    <message>
        <location filename="../../gui/charts/ranking.py" line="203"/>
        <source>* hatched: under {0} % of the indicators have data</source>
        <translation>* 斜线填充：有数据的指标不足 {0} %</translation>
    </message>
    <message>
        <location filename="../../gui/charts/ranking.py" line="265"/>
        <source>{0} of {1} indicators</source>
        <translation>{1} 个指标中的 {0} 个</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../../gui/sheets/results_table.py" line="250"/>
        <source>{0} of the {1} indicators under this node have data</source>
        <translation>该节点下 {1} 个指标中有 {0} 个有数据</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/results_table.py" line="275"/>
        <source>{0} of {1}</source>
        <translation>{0} / {1}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/results_table.py" line="288"/>
        <source>Score of the node in {0}</source>
        <translation>该节点在 {0} 的得分</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/results_table.py" line="289"/>
        <source>Change of the score from {0} to {1}, in %</source>
        <translation>得分从 {0} 到 {1} 的变化（%）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/results_table.py" line="290"/>
        <source>Average annual growth (compound) from {0} to {1}, in %</source>
        <translation>{0} 至 {1} 的年均（复合）增长率（%）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/results_table.py" line="292"/>
        <source>Rank among the {0} units in {1} (1 = highest)</source>
        <translation>在 {1} 年 {0} 个单元中的排名（1 为最高）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/results_table.py" line="294"/>
        <source>How many of the indicators under the node have data in {0}: the score is the mean of those present</source>
        <translation>{0}：该节点下有数据的指标个数（得分为现有指标的平均）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/results_table.py" line="297"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/results_table.py" line="297"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/results_table.py" line="297"/>
        <source>Score
{0}</source>
        <translation>得分
{0}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/results_table.py" line="298"/>
        <source>Change since
{0} (%)</source>
        <translation>较 {0}
变化（%）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/results_table.py" line="299"/>
        <source>Growth a year
{0}–{1} (%)</source>
        <translation>年均增长
{0}–{1}（%）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/results_table.py" line="300"/>
        <source>Rank
of {0}</source>
        <translation>排名
（共 {0}）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/results_table.py" line="301"/>
        <source>Indicators
with data</source>
        <translation>有数据的
指标</translation>
    </message>
</context>
<context>
    <name>ResultsTable</name>
    <message numerus="yes">
        <location filename="../../gui/sheets/results_table.py" line="471"/>
        <source>Copied %n row(s)</source>
        <translation>
            <numerusform>已复制 %n 行</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/sheets/results_table.py" line="486"/>
        <source>&amp;Unit:</source>
        <translation>单元(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/results_table.py" line="487"/>
        <source>&amp;Period:</source>
        <translation>时期(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/results_table.py" line="488"/>
        <source>&amp;Copy rows</source>
        <translation>复制行(&amp;C)</translation>
    </message>
</context>
<context>
    <name>SheetPreviewModel</name>
    <message>
        <location filename="../../gui/importing/models.py" line="125"/>
        <source>Cannot be read: {0}</source>
        <translation>无法读取：{0}</translation>
    </message>
</context>
<context>
    <name>SobolChart</name>
    <message>
        <location filename="../../gui/analysis/charts.py" line="200"/>
        <source>Sobol indices: what moves the ranks most</source>
        <translation>Sobol 指数：哪项假设对排名影响最大</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/charts.py" line="201"/>
        <source>first order (S1)</source>
        <translation>一阶（S1）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/charts.py" line="202"/>
        <source>total order (ST)</source>
        <translation>总阶（ST）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/charts.py" line="203"/>
        <source>share of the variance</source>
        <translation>方差占比</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/charts.py" line="209"/>
        <source>Weights, level {0}</source>
        <translation>权重（第 {0} 层）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/charts.py" line="210"/>
        <source>Normalisation</source>
        <translation>标准化</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/charts.py" line="210"/>
        <source>Aggregation</source>
        <translation>合成</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/charts.py" line="211"/>
        <source>Imputation</source>
        <translation>插补</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/charts.py" line="211"/>
        <source>Outlier treatment</source>
        <translation>离群值处理</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/charts.py" line="212"/>
        <source>Indicator left out</source>
        <translation>剔除的指标</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/charts.py" line="216"/>
        <source>Tick &apos;Sensitivity (Sobol indices)&apos; and run again to see which input matters most</source>
        <translation>勾选“敏感性分析（Sobol 指数）”并重新运行，查看哪项输入影响最大</translation>
    </message>
</context>
<context>
    <name>StatisticsView</name>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="145"/>
        <source>all periods pooled</source>
        <translation>所有时期合并</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="148"/>
        <source>the one period</source>
        <translation>唯一时期</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="149"/>
        <source>Level {0}</source>
        <translation>第 {0} 层</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/statistics_view.py" line="149"/>
        <source>Level 1 (indicators)</source>
        <translation>第 1 层（指标）</translation>
    </message>
</context>
<context>
    <name>TimeChart</name>
    <message>
        <location filename="../../gui/charts/timechart.py" line="58"/>
        <source>{0} = 100</source>
        <translation>{0} = 100</translation>
    </message>
    <message>
        <location filename="../../gui/charts/timechart.py" line="70"/>
        <source>{0} of {1} indicators</source>
        <translation>{1} 个指标中的 {0} 个</translation>
    </message>
    <message>
        <location filename="../../gui/charts/timechart.py" line="83"/>
        <location filename="../../gui/charts/timechart.py" line="96"/>
        <source>Scaled per period: no growth rates</source>
        <translation>按期标准化：不显示增长率</translation>
    </message>
</context>
<context>
    <name>TreatmentGroup</name>
    <message>
        <location filename="../../gui/sheets/treatment_panel.py" line="132"/>
        <source>Data treatment</source>
        <translation>数据处理</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/treatment_panel.py" line="142"/>
        <source>Data treatment: {0}</source>
        <translation>数据处理：{0}</translation>
    </message>
</context>
<context>
    <name>TreatmentLog</name>
    <message>
        <location filename="../../gui/sheets/treatment_log.py" line="50"/>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/treatment_log.py" line="50"/>
        <source>winsorised ({0} points)</source>
        <translation>缩尾（{0} 个点）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/treatment_log.py" line="51"/>
        <source>log transform (log_CT)</source>
        <translation>对数变换（log_CT）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/treatment_log.py" line="70"/>
        <source>No data treatment: the raw values are normalised.</source>
        <translation>未做数据处理：直接对原始值标准化。</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/treatment_log.py" line="72"/>
        <source>Imputed cells: {0}; unit-periods screened out: {1}; transforms: {2}</source>
        <translation>插补的单元格：{0}；剔除的单元-时期：{1}；变换：{2}</translation>
    </message>
</context>
<context>
    <name>UnitChecklist</name>
    <message>
        <location filename="../../gui/charts/panel.py" line="77"/>
        <source>At most {0} units can be compared.</source>
        <translation>最多可对比 {0} 个单元。</translation>
    </message>
    <message>
        <location filename="../../gui/charts/panel.py" line="96"/>
        <source>{0} units</source>
        <translation>{0} 个单元</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="32"/>
        <source>&amp;Code:</source>
        <translation>代码(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="33"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>UnitPeriodEdits</name>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="88"/>
        <source>Add &amp;unit…</source>
        <translation>添加单位(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="89"/>
        <source>Re&amp;name unit…</source>
        <translation>重命名单位(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="90"/>
        <location filename="../../gui/sheets/unit_period_edits.py" line="146"/>
        <source>Delete u&amp;nit</source>
        <translation>删除单位(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="91"/>
        <source>Add &amp;period…</source>
        <translation>添加时期(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="92"/>
        <location filename="../../gui/sheets/unit_period_edits.py" line="153"/>
        <source>Delete p&amp;eriod</source>
        <translation>删除时期(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="143"/>
        <source>Delete {0} units</source>
        <translation>删除 {0} 个单位</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="145"/>
        <source>Delete unit {0}</source>
        <translation>删除单位 {0}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="150"/>
        <source>Delete {0} periods</source>
        <translation>删除 {0} 个时期</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="152"/>
        <source>Delete period {0}</source>
        <translation>删除时期 {0}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="171"/>
        <location filename="../../gui/sheets/unit_period_edits.py" line="176"/>
        <source>Add unit</source>
        <translation>添加单位</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="177"/>
        <source>Unit {0} added: type its values or import them</source>
        <translation>已添加单位 {0}：请输入或导入其数据</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="188"/>
        <location filename="../../gui/sheets/unit_period_edits.py" line="193"/>
        <source>Rename unit</source>
        <translation>重命名单位</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="194"/>
        <source>Unit {0} renamed</source>
        <translation>已重命名单位 {0}</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="203"/>
        <source>{0} units</source>
        <translation>{0} 个单元</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="205"/>
        <source>Delete unit</source>
        <translation>删除单位</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="206"/>
        <source>Unit {0} deleted with its values (Undo brings it back)</source>
        <translation>已删除单位 {0} 及其数据（撤销可恢复）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="208"/>
        <source>{0} deleted with their values (Undo brings them back)</source>
        <translation>已删除{0}及其数据（撤销可恢复）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="214"/>
        <location filename="../../gui/sheets/unit_period_edits.py" line="219"/>
        <source>Add period</source>
        <translation>添加时期</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="214"/>
        <source>Year:</source>
        <translation>年份：</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="220"/>
        <source>Period {0} added: type its values or import them</source>
        <translation>已添加时期 {0}：请输入或导入其数据</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="233"/>
        <source>Delete period</source>
        <translation>删除时期</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="234"/>
        <source>Period {0} deleted with its values (Undo brings it back)</source>
        <translation>已删除时期 {0} 及其数据（撤销可恢复）</translation>
    </message>
    <message>
        <location filename="../../gui/sheets/unit_period_edits.py" line="236"/>
        <source>Periods {0} deleted with their values (Undo brings them back)</source>
        <translation>已删除时期 {0} 及其数据（撤销可恢复）</translation>
    </message>
</context>
<context>
    <name>ValuesPreviewModel</name>
    <message>
        <location filename="../../gui/importing/models.py" line="199"/>
        <source>{0}!{1} cannot be read ({2}); imported as missing</source>
        <translation>{0}!{1} 无法读取（{2}）；作为缺失值导入</translation>
    </message>
    <message>
        <location filename="../../gui/importing/models.py" line="202"/>
        <source>The workbook has no cell for this value</source>
        <translation>工作簿中没有此数值对应的单元格</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <location filename="../../gui/window/menus.py" line="147"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="149"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="165"/>
        <source>No recent files</source>
        <translation>没有最近的文件</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="178"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="178"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="179"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="179"/>
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="180"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="180"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="181"/>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="181"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="184"/>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="184"/>
        <source>Start an empty project</source>
        <translation>新建一个空项目</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="185"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="185"/>
        <source>Open a project, template workbook or iData table</source>
        <translation>打开项目、模板工作簿或 iData 数据表</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="186"/>
        <source>Open the &amp;Sample</source>
        <translation>打开示例(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="187"/>
        <source>Open the bundled Chengdu–Chongqing sample</source>
        <translation>打开随附的成渝示例</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="188"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="188"/>
        <source>Save the project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="189"/>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="189"/>
        <source>Save the project under a new name</source>
        <translation>以新文件名保存项目</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="190"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="190"/>
        <source>Close this window</source>
        <translation>关闭此窗口</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="191"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="191"/>
        <source>Quit CoIndex</source>
        <translation>退出 CoIndex</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="192"/>
        <source>&amp;Clear List</source>
        <translation>清除列表(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="193"/>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="194"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="195"/>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="196"/>
        <source>Fill &amp;Down</source>
        <translation>向下填充(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="197"/>
        <source>Copy the top value of the selection into the cells below it</source>
        <translation>把所选区域最上方的值复制到其下方的单元格</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="198"/>
        <source>Fill &amp;Right</source>
        <translation>向右填充(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="199"/>
        <source>Copy the leftmost value of the selection into the cells on its right</source>
        <translation>把所选区域最左侧的值复制到其右侧的单元格</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="200"/>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="200"/>
        <source>Find a name, code, period or value in the sheet</source>
        <translation>在表中查找名称、代码、时期或数值</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="201"/>
        <source>Find &amp;Next</source>
        <translation>查找下一个(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="201"/>
        <source>Go to the next match</source>
        <translation>转到下一个匹配项</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="202"/>
        <source>Find Pre&amp;vious</source>
        <translation>查找上一个(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="202"/>
        <source>Go to the previous match</source>
        <translation>转到上一个匹配项</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="203"/>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="204"/>
        <source>&amp;Reset Layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="204"/>
        <source>Put every pane back in its first place</source>
        <translation>将所有窗格恢复到初始位置</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="205"/>
        <source>&amp;Recompute</source>
        <translation>重新计算(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="205"/>
        <source>Recompute every result from the data</source>
        <translation>根据数据重新计算全部结果</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="206"/>
        <source>&amp;Method Settings…</source>
        <translation>方法设置(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="206"/>
        <source>Show the method settings</source>
        <translation>显示方法设置</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="207"/>
        <source>&amp;About CoIndex</source>
        <translation>关于 CoIndex(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../gui/window/menus.py" line="208"/>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../gui/window/app.py" line="197"/>
        <source>usage: coindex [FILE]   (FILE: a .coindex project, a workbook or a CSV table; none opens the sample)
       coindex compute -h   for the command line</source>
        <translation>用法：coindex [文件]   （文件：.coindex 项目、工作簿或 CSV 表格；不指定则打开示例）
       coindex compute -h   查看命令行用法</translation>
    </message>
</context>
<context>
    <name>import</name>
    <message>
        <location filename="../../gui/importing/worker.py" line="198"/>
        <source>not enough memory to read this file</source>
        <translation>内存不足，无法读取此文件</translation>
    </message>
    <message>
        <location filename="../../gui/importing/worker.py" line="201"/>
        <source>the file could not be read or written</source>
        <translation>无法读取或写入该文件</translation>
    </message>
    <message>
        <location filename="../../gui/importing/worker.py" line="203"/>
        <source>an unexpected problem stopped the work{0}; please report it</source>
        <translation>意外问题中止了操作{0}；请报告此问题</translation>
    </message>
    <message>
        <location filename="../../gui/importing/worker.py" line="212"/>
        <source> (details: {0})</source>
        <translation>（详情：{0}）</translation>
    </message>
</context>
<context>
    <name>loading</name>
    <message>
        <location filename="../../gui/window/loading.py" line="50"/>
        <location filename="../../gui/window/loading.py" line="56"/>
        <source>CoIndex projects (*.coindex)</source>
        <translation>CoIndex 项目 (*.coindex)</translation>
    </message>
    <message>
        <location filename="../../gui/window/loading.py" line="49"/>
        <source>Projects, workbooks and tables ({0})</source>
        <translation>项目、工作簿和表格（{0}）</translation>
    </message>
    <message>
        <location filename="../../gui/window/loading.py" line="51"/>
        <source>Workbooks (*.xlsx *.xlsm *.xls *.xlsb *.ods)</source>
        <translation>工作簿 (*.xlsx *.xlsm *.xls *.xlsb *.ods)</translation>
    </message>
    <message>
        <location filename="../../gui/window/loading.py" line="52"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../gui/window/loading.py" line="52"/>
        <source>CSV tables (*.csv *.tsv)</source>
        <translation>CSV 表格 (*.csv *.tsv)</translation>
    </message>
    <message>
        <location filename="../../gui/window/loading.py" line="116"/>
        <source>&apos;{0}&apos; (was {1})</source>
        <translation>“{0}”（原为{1}）</translation>
    </message>
    <message>
        <location filename="../../gui/window/loading.py" line="119"/>
        <source>Arithmetic mean for {0} until you choose another (framework tree); the file keeps its own until you save. {1}</source>
        <translation>{0} 暂用算术平均，直到您另选（框架树）；保存之前文件仍保留其原有的平均方法。{1}</translation>
    </message>
    <message>
        <location filename="../../gui/window/loading.py" line="151"/>
        <source>{0} Shown with the normalisation &apos;{1}&apos; until you choose another in Method settings; the file keeps &apos;{2}&apos; until you save.</source>
        <translation>{0} 暂以标准化方法“{1}”显示，直到您在“方法设置”中另选；保存之前，文件仍保留“{2}”。</translation>
    </message>
    <message>
        <location filename="../../gui/window/loading.py" line="171"/>
        <source>the file could not be read</source>
        <translation>无法读取该文件</translation>
    </message>
    <message>
        <location filename="../../gui/window/loading.py" line="173"/>
        <source>an unexpected problem stopped the reading{0}; please report it</source>
        <translation>意外问题中止了读取{0}；请报告此问题</translation>
    </message>
    <message>
        <location filename="../../gui/window/loading.py" line="175"/>
        <source>CoIndex cannot open {0}.

{1}</source>
        <translation>CoIndex 无法打开 {0}。

{1}</translation>
    </message>
    <message>
        <location filename="../../gui/window/loading.py" line="183"/>
        <source> (details: {0})</source>
        <translation>（详情：{0}）</translation>
    </message>
    <message>
        <location filename="../../gui/window/loading.py" line="195"/>
        <source>Cannot open file</source>
        <translation>无法打开文件</translation>
    </message>
</context>
<context>
    <name>panes</name>
    <message>
        <location filename="../../gui/window/panes.py" line="82"/>
        <source>Framework</source>
        <translation>指标框架</translation>
    </message>
    <message>
        <location filename="../../gui/window/panes.py" line="83"/>
        <source>Data sheet</source>
        <translation>数据表</translation>
    </message>
    <message>
        <location filename="../../gui/window/panes.py" line="84"/>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../../gui/window/panes.py" line="85"/>
        <source>Method settings</source>
        <translation>方法设置</translation>
    </message>
    <message>
        <location filename="../../gui/window/panes.py" line="86"/>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../gui/window/panes.py" line="87"/>
        <source>Indicator sheet</source>
        <translation>指标表</translation>
    </message>
    <message>
        <location filename="../../gui/window/panes.py" line="88"/>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <location filename="../../gui/window/panes.py" line="89"/>
        <source>Data treatment log</source>
        <translation>数据处理记录</translation>
    </message>
    <message>
        <location filename="../../gui/window/panes.py" line="90"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
</context>
<context>
    <name>recovery</name>
    <message>
        <location filename="../../gui/window/recovery.py" line="98"/>
        <source>Untitled project</source>
        <translation>未命名项目</translation>
    </message>
    <message>
        <location filename="../../gui/window/recovery.py" line="161"/>
        <source>Recovery</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../gui/window/recovery.py" line="162"/>
        <source>A recovery file could not be read and was kept:
{0}

{1}</source>
        <translation>无法读取恢复文件，已保留该文件：
{0}

{1}</translation>
    </message>
    <message>
        <location filename="../../gui/window/recovery.py" line="167"/>
        <source>Restore unsaved changes?</source>
        <translation>恢复未保存的更改？</translation>
    </message>
    <message>
        <location filename="../../gui/window/recovery.py" line="168"/>
        <source>CoIndex was not closed properly. Unsaved changes to “{0}” were kept at {1}.

Yes restores them; No keeps them for the next start; Discard deletes them.</source>
        <translation>CoIndex 上次未正常关闭。“{0}”中未保存的更改已于 {1} 保留。

“是”恢复这些更改；“否”保留到下次启动；“丢弃”将其删除。</translation>
    </message>
</context>
</TS>
