"""Fixtures for the GUI tests: a fresh copy of the bundled sample for every
test (edits must not leak between tests), its document, and a shown window.
QT_QPA_PLATFORM=offscreen is set by tests/conftest.py."""
import pytest

from core.project import projectfile
from gui.window.loading import SAMPLE_PATH


@pytest.fixture(scope="session", autouse=True)
def private_settings(tmp_path_factory):
    """No GUI test reads or changes the real user's settings, layout,
    language, recent files or recovery files."""
    from gui.window.app import use_private_folders
    use_private_folders(tmp_path_factory.mktemp("coindex-user"))


@pytest.fixture
def project():
    return projectfile.load(SAMPLE_PATH)


@pytest.fixture
def document(qtbot, project):
    from gui.base.document import ProjectDocument
    doc = ProjectDocument(project)
    yield doc
    doc.close()


@pytest.fixture
def window(qtbot, project):
    from gui.window.main_window import MainWindow
    w = MainWindow(project, str(SAMPLE_PATH))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w
