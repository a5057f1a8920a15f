<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../gui/framework_tree.py" line="493"/>
        <source>Add dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="493"/>
        <source>Add a dimension next to the selected one (under the index)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="495"/>
        <source>Add sub-dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="495"/>
        <source>Add a sub-dimension inside the selected dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="497"/>
        <source>Add indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="497"/>
        <source>Add an indicator to the selected dimension; its values start missing (Insert)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="499"/>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="499"/>
        <source>Change the code and names of the selected node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="500"/>
        <source>Move to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="500"/>
        <source>Move the selected node into another dimension (or drag it there)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="502"/>
        <source>Reverse direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="502"/>
        <source>Switch between higher and lower is better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="503"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="503"/>
        <source>Delete the selected node, a dimension with everything in it (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="510"/>
        <source>Framework</source>
        <translation type="unfinished">指标框架</translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="141"/>
        <source>Normalisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="142"/>
        <source>Aggregation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="143"/>
        <source>&amp;Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="143"/>
        <source>How each indicator is put on a common scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="144"/>
        <source>&amp;Base year:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="144"/>
        <source>The period set to 100 by the fixed-base index; also the start of change and growth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="146"/>
        <source>Min-max &amp;range:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="146"/>
        <source>The scale of min-max: lowest value to L, highest to U</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="148"/>
        <source>Z-score m&amp;ean:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="148"/>
        <source>The mean z-scores are shifted to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="149"/>
        <source>Z-score &amp;SD:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="149"/>
        <source>The standard deviation z-scores are scaled to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="150"/>
        <source>&amp;Pooled:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="150"/>
        <source>Take minimum, maximum, mean and ranks over all periods together, not period by period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="152"/>
        <source>M&amp;ean:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="152"/>
        <source>How children are combined into their parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="153"/>
        <source>P&amp;ower p:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="153"/>
        <source>The power of the generalised mean (1 arithmetic, 0 geometric, -1 harmonic)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="155"/>
        <source>&amp;Weights:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="155"/>
        <source>Use the weights of the framework, or give the nodes of each dimension equal weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="167"/>
        <source>L: the value given to the lowest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="168"/>
        <source>U: the value given to the highest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="169"/>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="170"/>
        <source>over all periods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/results_table.py" line="216"/>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/results_table.py" line="216"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/results_table.py" line="216"/>
        <source>Score {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/results_table.py" line="217"/>
        <source>Change since {0} (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/results_table.py" line="218"/>
        <source>Average annual growth {0}–{1} (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/results_table.py" line="219"/>
        <source>Rank of {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartBase</name>
    <message>
        <location filename="../../gui/chart_base.py" line="345"/>
        <source>Save as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/chart_base.py" line="346"/>
        <source>Save as SVG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/chart_base.py" line="347"/>
        <source>Copy image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/chart_base.py" line="348"/>
        <source>Save or copy this chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/chart_base.py" line="412"/>
        <source>Save chart as SVG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/chart_base.py" line="412"/>
        <source>SVG image (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/chart_base.py" line="414"/>
        <source>Save chart as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/chart_base.py" line="414"/>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <location filename="../../gui/chart_panel.py" line="290"/>
        <source>&amp;Unit:</source>
        <translation type="unfinished">单元(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../gui/chart_panel.py" line="291"/>
        <source>&amp;Compare:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/chart_panel.py" line="292"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/chart_panel.py" line="293"/>
        <source>Units drawn beside the chosen one on the composite chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/chart_panel.py" line="294"/>
        <source>&amp;Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/chart_panel.py" line="295"/>
        <source>The period of the radar and the ranking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/chart_panel.py" line="296"/>
        <source>Tabs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/chart_panel.py" line="297"/>
        <source>Show the charts in tabs instead of a grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/chart_panel.py" line="298"/>
        <source>Index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/chart_panel.py" line="298"/>
        <source>Dimensions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/chart_panel.py" line="298"/>
        <source>Contributions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/chart_panel.py" line="298"/>
        <source>Radar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/chart_panel.py" line="299"/>
        <source>Ranking</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompositeChart</name>
    <message>
        <location filename="../../gui/charts.py" line="211"/>
        <source>Composite index: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/charts.py" line="211"/>
        <source>Composite index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/charts.py" line="222"/>
        <source>{0} · {1} % a year</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContributionChart</name>
    <message>
        <location filename="../../gui/charts.py" line="558"/>
        <source>Contributions to the change since {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/charts.py" line="560"/>
        <source>points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/charts.py" line="563"/>
        <location filename="../../gui/charts.py" line="605"/>
        <source>Change of the index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/charts.py" line="606"/>
        <location filename="../../gui/charts.py" line="618"/>
        <source>{0} points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/charts.py" line="620"/>
        <source>{0} % of the change</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataGridModel</name>
    <message>
        <location filename="../../gui/data_grid.py" line="469"/>
        <source>Unit: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_grid.py" line="471"/>
        <source>Lower is better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_grid.py" line="474"/>
        <source>In: {0} {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_grid.py" line="476"/>
        <source>Source: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_grid.py" line="483"/>
        <source>{0}: missing (type a number to fill it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_grid.py" line="499"/>
        <source>Unit code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_grid.py" line="499"/>
        <source>Unit name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_grid.py" line="500"/>
        <location filename="../../gui/data_grid.py" line="509"/>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_grid.py" line="500"/>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_grid.py" line="507"/>
        <source>Indicator code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_grid.py" line="507"/>
        <source>Indicator name (hover a row for more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_grid.py" line="508"/>
        <source>Unit of measure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_grid.py" line="509"/>
        <source>Indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_grid.py" line="509"/>
        <source>Measured in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_grid.py" line="511"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_grid.py" line="561"/>
        <source>&apos;{0}&apos; cannot be computed here: all its indicators are missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_grid.py" line="564"/>
        <source>&apos;{0}&apos; was computed without this value (weights shared among the indicators present)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_grid.py" line="606"/>
        <source>{0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_grid.py" line="621"/>
        <source>Edit {0} {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_grid.py" line="623"/>
        <source>Edit {0} values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_grid.py" line="638"/>
        <source>&apos;{0}&apos; is a percentage; type the number in the indicator&apos;s own unit, without %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_grid.py" line="641"/>
        <source>&apos;{0}&apos; is not a number (use a point for decimals; commas only between thousands)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_grid.py" line="644"/>
        <source>&apos;{0}&apos; is not a finite number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_grid.py" line="645"/>
        <source>&apos;{0}&apos; is not a number</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataSheet</name>
    <message>
        <location filename="../../gui/data_sheet.py" line="165"/>
        <source>By unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="166"/>
        <source>One unit: indicators as rows (under their dimensions), periods as columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="168"/>
        <source>By period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="169"/>
        <source>One period: units as rows, indicators as columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="170"/>
        <source>&amp;Copy</source>
        <translation type="unfinished">复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="171"/>
        <source>Cu&amp;t</source>
        <translation type="unfinished">剪切(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="172"/>
        <source>&amp;Paste</source>
        <translation type="unfinished">粘贴(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="173"/>
        <source>&amp;Delete (make missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="174"/>
        <source>Fill &amp;down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="175"/>
        <source>Fill &amp;right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="182"/>
        <source>&amp;Unit:</source>
        <translation type="unfinished">单元(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="184"/>
        <source>&amp;Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="195"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="337"/>
        <source>Nothing to copy: select cells first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="358"/>
        <source>Copied {0} × {1} cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="372"/>
        <source>Nothing to delete: select value cells first</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/data_sheet.py" line="375"/>
        <source>Clear %n value(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/data_sheet.py" line="377"/>
        <source>%n value(s) made missing</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="389"/>
        <source>Nothing to paste: the clipboard holds no cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="399"/>
        <source>Nothing pasted: choose the cell to paste into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="402"/>
        <source>Nothing pasted: paste into a value cell (the label columns cannot be edited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="408"/>
        <source>Nothing pasted: there is no value row below the selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="425"/>
        <source>beyond the sheet&apos;s edge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="427"/>
        <source>Nothing pasted: row {0}, column {1} of the pasted block (for {2}): {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="434"/>
        <source>Nothing pasted: the block lies beyond the sheet&apos;s edge</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/data_sheet.py" line="438"/>
        <location filename="../../gui/data_sheet.py" line="457"/>
        <source>Paste %n value(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="443"/>
        <source>Pasted {0} × {1} values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="445"/>
        <source>; clipped at the sheet&apos;s edge: {0} row(s) and {1} column(s) of the block were left out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="454"/>
        <source>Nothing pasted: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/data_sheet.py" line="459"/>
        <source>Pasted one value into %n cell(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="499"/>
        <source>Nothing to fill: select the value to copy and the cells to fill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="501"/>
        <source>Nothing to fill: select the value to copy and the cells to fill on its right</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/data_sheet.py" line="504"/>
        <source>Fill down %n value(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/data_sheet.py" line="505"/>
        <source>Fill right %n value(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/data_sheet.py" line="508"/>
        <source>Filled %n value(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/data_sheet.py" line="513"/>
        <source>Not changed: {0}</source>
        <translation type="unfinished">未修改：{0}</translation>
    </message>
</context>
<context>
    <name>DimensionChart</name>
    <message>
        <location filename="../../gui/charts.py" line="438"/>
        <source>Dimensions: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FrameworkModel</name>
    <message>
        <location filename="../../gui/framework_tree.py" line="201"/>
        <source>Weight as entered, relative to the other nodes in &apos;{0}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="203"/>
        <source>Not used: the method settings give siblings equal weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="213"/>
        <source>{0} carries {1} % of the index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="223"/>
        <source>Double-click to reverse the direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="231"/>
        <source>Unit: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="235"/>
        <source>Drag onto a dimension to move it there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="242"/>
        <source>Name (code)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="242"/>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="242"/>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="242"/>
        <source>Better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="246"/>
        <source>Effective share of the composite index in % (product of the normalised weights along the path)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="248"/>
        <source>Whether higher or lower values are better; double-click to reverse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="244"/>
        <source>Dimensions and indicators; double-click a name to edit it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="245"/>
        <source>Weight as entered, relative to siblings; double-click to edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="265"/>
        <source>Rename {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="270"/>
        <source>Weight of {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="278"/>
        <source>Direction of {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="337"/>
        <source>Move {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FrameworkTree</name>
    <message>
        <location filename="../../gui/framework_tree.py" line="64"/>
        <source>↑ higher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="65"/>
        <source>↓ lower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="67"/>
        <source>↑ higher is better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="68"/>
        <source>↓ lower is better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="554"/>
        <location filename="../../gui/framework_tree.py" line="569"/>
        <source>New indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="555"/>
        <source>Add indicator {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="567"/>
        <source>New dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="570"/>
        <source>Add dimension {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="577"/>
        <source>Added {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="589"/>
        <source>The English name cannot be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="600"/>
        <source>Rename {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="621"/>
        <source>Delete the indicator {0} and all its values?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="624"/>
        <source>Delete the dimension {0} with its {1} indicator(s) and all their values?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="626"/>
        <source>You can undo this with Edit &gt; Undo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="627"/>
        <location filename="../../gui/framework_tree.py" line="631"/>
        <source>Delete {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="633"/>
        <source>Deleted {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="639"/>
        <location filename="../../gui/framework_tree.py" line="702"/>
        <source>Move {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="645"/>
        <source>Direction of {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="693"/>
        <source>There is no other dimension to move {0} into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="703"/>
        <source>Move into the dimension:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IndexChart</name>
    <message>
        <location filename="../../gui/charts.py" line="351"/>
        <source>{0:+.1f}% a year</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IndicatorSheetModel</name>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="110"/>
        <source>Not used: the method settings give siblings equal weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="121"/>
        <source>Follows the project&apos;s base year; choose a period to give this indicator its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="123"/>
        <location filename="../../gui/indicator_sheet.py" line="135"/>
        <location filename="../../gui/indicator_sheet.py" line="212"/>
        <location filename="../../gui/indicator_sheet.py" line="215"/>
        <source>project ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="133"/>
        <source>Follows the project&apos;s normalisation; choose a method to give this indicator its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="147"/>
        <source>Unique code; renaming it renames the data column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="148"/>
        <source>Name in English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="148"/>
        <source>Name in Chinese</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="149"/>
        <source>The dimension the indicator belongs to; choose another to move it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="150"/>
        <source>Unit of measure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="150"/>
        <source>Whether higher or lower values are better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="151"/>
        <source>Weight relative to the other nodes of its dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="152"/>
        <source>Where the data come from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="153"/>
        <source>A base year of this indicator&apos;s own (fixed-base normalisation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="154"/>
        <source>A normalisation method of this indicator&apos;s own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="155"/>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="155"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="155"/>
        <source>Chinese name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="155"/>
        <source>Dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="155"/>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="156"/>
        <source>Direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="156"/>
        <source>Weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="156"/>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="156"/>
        <source>Base year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="157"/>
        <source>Normalisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/indicator_sheet.py" line="168"/>
        <source>{0} of {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LegacyDataPane</name>
    <message>
        <location filename="../../gui/panes.py" line="198"/>
        <source>&amp;Unit:</source>
        <translation>单元(&amp;U)：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="235"/>
        <source>Indicators: {0} · units: {1} · periods: {2}</source>
        <translation>指标：{0} · 单元：{1} · 时期：{2}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="464"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="466"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="482"/>
        <source>No recent files</source>
        <translation>没有最近的文件</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="505"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="505"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="506"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="506"/>
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="507"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="507"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="508"/>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="508"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="511"/>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="511"/>
        <source>Start an empty project</source>
        <translation>新建一个空项目</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="512"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="512"/>
        <source>Open a project, template workbook or iData table</source>
        <translation>打开项目、模板工作簿或 iData 数据表</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="513"/>
        <source>Open the &amp;Sample</source>
        <translation>打开示例(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="513"/>
        <source>Open the bundled Chengdu–Chongqing sample</source>
        <translation>打开随附的成渝示例</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="514"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="514"/>
        <source>Save the project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="515"/>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="515"/>
        <source>Save the project under a new name</source>
        <translation>以新文件名保存项目</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="516"/>
        <source>&amp;Results Workbook (.xlsx)…</source>
        <translation>结果工作簿(.xlsx)(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="517"/>
        <source>Scores, ranks, growth and contributions as a workbook</source>
        <translation>将得分、排名、增长和贡献导出为工作簿</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="518"/>
        <source>&amp;Charts as Images…</source>
        <translation>图表导出为图片(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="519"/>
        <source>Use each chart&apos;s own export (PNG, SVG)</source>
        <translation>请使用各图表自身的导出功能（PNG、SVG）</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="520"/>
        <source>&amp;Input Workbook (.xlsx)…</source>
        <translation>输入数据工作簿(.xlsx)(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="520"/>
        <source>Not available yet</source>
        <translation>暂不可用</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="521"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="521"/>
        <source>Close this window</source>
        <translation>关闭此窗口</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="522"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="522"/>
        <source>Quit CoIndex</source>
        <translation>退出 CoIndex</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="523"/>
        <source>&amp;Clear List</source>
        <translation>清除列表(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="524"/>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="525"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="526"/>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="527"/>
        <source>&amp;Reset Layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="527"/>
        <source>Put every pane back in its first place</source>
        <translation>将所有窗格恢复到初始位置</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="528"/>
        <source>&amp;Recompute</source>
        <translation>重新计算(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="528"/>
        <source>Recompute every result from the data</source>
        <translation>根据数据重新计算全部结果</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="529"/>
        <source>&amp;Method Settings…</source>
        <translation>方法设置(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="529"/>
        <source>Show the method settings</source>
        <translation>显示方法设置</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="530"/>
        <source>&amp;About CoIndex</source>
        <translation>关于 CoIndex(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="531"/>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="554"/>
        <location filename="../../gui/main_window.py" line="594"/>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="563"/>
        <source>Computed in {0} ms</source>
        <translation>计算用时 {0} 毫秒</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="563"/>
        <source>Recomputed in {0} ms</source>
        <translation>重新计算用时 {0} 毫秒</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="571"/>
        <source>Not changed: {0}</source>
        <translation>未修改：{0}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="578"/>
        <source>Saved {0} ({1} ms)</source>
        <translation>已保存 {0}（{1} 毫秒）</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="582"/>
        <source>Autosave failed: {0}</source>
        <translation>自动保存失败：{0}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="584"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="585"/>
        <source>CoIndex could not save {0}.

{1}</source>
        <translation>CoIndex 无法保存 {0}。

{1}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="596"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="597"/>
        <source>{0} has changes that are not saved.

Save them before going on?</source>
        <translation>{0} 有尚未保存的更改。

是否先保存再继续？</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="615"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="634"/>
        <source>Cannot open file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="635"/>
        <source>{0} no longer exists; it is removed from the recent files.</source>
        <translation>{0} 已不存在，已从最近的文件中移除。</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="659"/>
        <location filename="../../gui/main_window.py" line="685"/>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="660"/>
        <source>Save As</source>
        <translation>另存为</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="687"/>
        <source>Export Results</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="689"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="699"/>
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="702"/>
        <source>Exported {0}</source>
        <translation>已导出 {0}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="752"/>
        <source>Build, compute and analyse composite indices: live charts from spreadsheet-style inputs, with undo, project files and English / Chinese.</source>
        <translation>构建、计算和分析综合指数：在电子表格式的输入中修改数据，图表即时更新；支持撤销、项目文件以及中英文界面。</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="754"/>
        <source>The bundled Chengdu–Chongqing sample is for illustration only:</source>
        <translation>随附的成渝示例仅用于演示：</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="756"/>
        <source>About CoIndex</source>
        <translation>关于 CoIndex</translation>
    </message>
</context>
<context>
    <name>MethodPanel</name>
    <message>
        <location filename="../../gui/method_panel.py" line="193"/>
        <source>(no periods)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="234"/>
        <source>Method settings</source>
        <translation type="unfinished">方法设置</translation>
    </message>
    <message>
        <location filename="../../gui/method_panel.py" line="249"/>
        <source>Method: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NodeDialog</name>
    <message>
        <location filename="../../gui/framework_tree.py" line="386"/>
        <source>Rename {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="393"/>
        <source>&amp;Code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="394"/>
        <source>&amp;English name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/framework_tree.py" line="395"/>
        <source>C&amp;hinese name:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PendingPane</name>
    <message>
        <location filename="../../gui/panes.py" line="142"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>PlaceholderPane</name>
    <message>
        <location filename="../../gui/panes.py" line="130"/>
        <source>{0}: not available in this version.</source>
        <translation>{0}：此版本中不可用。</translation>
    </message>
</context>
<context>
    <name>ProjectDocument</name>
    <message>
        <location filename="../../gui/document.py" line="240"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
</context>
<context>
    <name>RadarChart</name>
    <message>
        <location filename="../../gui/period_charts.py" line="212"/>
        <source>Dimensions in {0} against {1}: {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/period_charts.py" line="216"/>
        <source>{0} (base)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RankingChart</name>
    <message>
        <location filename="../../gui/period_charts.py" line="418"/>
        <source>Ranking in {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/period_charts.py" line="420"/>
        <source>The ranking needs two or more units.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/period_charts.py" line="473"/>
        <source>Top {0} of {1} units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/period_charts.py" line="475"/>
        <source>{0}: rank {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsTable</name>
    <message>
        <location filename="../../gui/results_table.py" line="338"/>
        <source>&amp;Unit:</source>
        <translation type="unfinished">单元(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../gui/results_table.py" line="339"/>
        <source>&amp;Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/results_table.py" line="340"/>
        <source>&amp;Copy rows</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnitChecklist</name>
    <message>
        <location filename="../../gui/chart_panel.py" line="73"/>
        <source>At most {0} units can be compared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../gui/chart_panel.py" line="92"/>
        <source>{0} units</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_TimeChart</name>
    <message>
        <location filename="../../gui/charts.py" line="86"/>
        <source>{0} = 100</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../gui/app.py" line="192"/>
        <source>usage: coindex [FILE]   (FILE: .coindex, .xlsx or .csv; none opens the sample)
       coindex compute -h   for the command line</source>
        <translation>用法：coindex [文件]   （文件：.coindex、.xlsx 或 .csv；不指定则打开示例）
       coindex compute -h   查看命令行用法</translation>
    </message>
</context>
<context>
    <name>loading</name>
    <message>
        <location filename="../../gui/loading.py" line="40"/>
        <source>CoIndex inputs (*.coindex *.xlsx *.xlsm *.csv)</source>
        <translation>CoIndex 输入文件 (*.coindex *.xlsx *.xlsm *.csv)</translation>
    </message>
    <message>
        <location filename="../../gui/loading.py" line="40"/>
        <location filename="../../gui/loading.py" line="46"/>
        <source>CoIndex projects (*.coindex)</source>
        <translation>CoIndex 项目 (*.coindex)</translation>
    </message>
    <message>
        <location filename="../../gui/loading.py" line="41"/>
        <source>Template workbooks (*.xlsx *.xlsm)</source>
        <translation>模板工作簿 (*.xlsx *.xlsm)</translation>
    </message>
    <message>
        <location filename="../../gui/loading.py" line="41"/>
        <source>iData tables (*.csv)</source>
        <translation>iData 数据表 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../gui/loading.py" line="42"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../gui/loading.py" line="99"/>
        <source>unexpected error ({0}: {1}); please report it</source>
        <translation>意外错误（{0}：{1}），请报告此问题</translation>
    </message>
    <message>
        <location filename="../../gui/loading.py" line="100"/>
        <source>CoIndex cannot open {0}.

{1}</source>
        <translation>CoIndex 无法打开 {0}。

{1}</translation>
    </message>
    <message>
        <location filename="../../gui/loading.py" line="110"/>
        <source>Choose the iMeta table for {0}</source>
        <translation>为 {0} 选择 iMeta 指标表</translation>
    </message>
    <message>
        <location filename="../../gui/loading.py" line="111"/>
        <source>iMeta tables (*.csv)</source>
        <translation>iMeta 指标表 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../gui/loading.py" line="119"/>
        <source>Cannot open file</source>
        <translation>无法打开文件</translation>
    </message>
</context>
<context>
    <name>panes</name>
    <message>
        <location filename="../../gui/panes.py" line="57"/>
        <source>Framework</source>
        <translation>指标框架</translation>
    </message>
    <message>
        <location filename="../../gui/panes.py" line="59"/>
        <source>Data sheet</source>
        <translation>数据表</translation>
    </message>
    <message>
        <location filename="../../gui/panes.py" line="61"/>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../../gui/panes.py" line="63"/>
        <source>Method settings</source>
        <translation>方法设置</translation>
    </message>
    <message>
        <location filename="../../gui/panes.py" line="64"/>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../gui/panes.py" line="65"/>
        <source>Indicator sheet</source>
        <translation>指标表</translation>
    </message>
</context>
<context>
    <name>recovery</name>
    <message>
        <location filename="../../gui/recovery.py" line="98"/>
        <source>Untitled project</source>
        <translation>未命名项目</translation>
    </message>
    <message>
        <location filename="../../gui/recovery.py" line="161"/>
        <source>Recovery</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../gui/recovery.py" line="162"/>
        <source>A recovery file could not be read and was kept:
{0}

{1}</source>
        <translation>无法读取恢复文件，已保留该文件：
{0}

{1}</translation>
    </message>
    <message>
        <location filename="../../gui/recovery.py" line="166"/>
        <source>Restore unsaved changes?</source>
        <translation>恢复未保存的更改？</translation>
    </message>
    <message>
        <location filename="../../gui/recovery.py" line="167"/>
        <source>CoIndex was not closed properly. Unsaved changes to “{0}” were kept at {1}.

Yes restores them; No keeps them for the next start; Discard deletes them.</source>
        <translation>CoIndex 上次未正常关闭。“{0}”中未保存的更改已于 {1} 保留。

“是”恢复这些更改；“否”保留到下次启动；“丢弃”将其删除。</translation>
    </message>
</context>
</TS>
