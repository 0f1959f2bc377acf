"""Local development and the demo network served by ./run."""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = env_bool("DEBUG", False)
