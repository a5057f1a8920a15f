"""CoIndex computation core: framework, data, methods, results, project files.

Never imports Qt: everything the app computes, the command line computes too.
"""
from .dataset import Dataset
from .engine import Engine
from .errors import CoIndexError, ComputeError, FrameworkError, InputError, ProjectFileError, SettingsError
from .framework import Framework, Node
from .settings import Settings

__all__ = ["Dataset", "Engine", "Framework", "Node", "Settings", "CoIndexError", "ComputeError",
           "FrameworkError", "InputError", "ProjectFileError", "SettingsError"]
