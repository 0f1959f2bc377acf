import pytest


@pytest.fixture(autouse=True)
def _small_proof_of_work(settings):
    """Tests solve the proof of work in Python; a small search space keeps them fast."""
    settings.COMMENTS_POW_MAX_NUMBER = 300
