import pytest

from tests.factories import make_author, make_network, make_section, make_site


@pytest.fixture
def network():
    make_network(group_name="مجموعة أخبار الإعلامية")
    casablanca = make_site(
        "casablanca.localhost", default=True, name_ar="أنباء الدار البيضاء", tagline="أخبار المدينة"
    )
    beirut = make_site("beirut.localhost", name_ar="بيروت اليوم")
    return casablanca, beirut


@pytest.fixture
def newsroom(network):
    """A site with two sections, an author, a tag and a story from another site."""
    casablanca, beirut = network
    sport = make_section(casablanca, "رياضة", slug="رياضة")
    economy = make_section(casablanca, "اقتصاد", slug="economy")
    author = make_author("سلمى بنعلي", slug="salma")
    return {"site": casablanca, "other": beirut, "sport": sport, "economy": economy, "author": author}
