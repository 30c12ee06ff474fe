"""安监计划 anjian: annual safety-production supervision and inspection plans for emergency-management bureaus."""

__version__ = "0.1.0"
