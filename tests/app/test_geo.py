"""lib/geo.py and the world outlines it ships (no browser: see tests/browser.py for that)."""
from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
import tomllib
from urllib.parse import urljoin, urlsplit

import plotly.express as px
import plotly.graph_objects as go
import pycountry
import pytest

from lib.paths import ROOT
from app import geo

# Plotly.js draws these layers from objects of the same name in the topojson.
LAYERS = {"coastlines", "land", "ocean", "lakes", "rivers", "countries", "subunits"}
# ISO 3166-1 codes that have neither an outline nor a marker: overseas parts
# of France drawn as France (GLP, GUF, MTQ, MYT, REU), and specks.
NOT_DRAWN = {"BES", "BVT", "CCK", "CXR", "GIB", "GLP", "GUF", "MTQ", "MYT", "REU", "SJM", "TKL", "UMI"}


@pytest.fixture(scope="module")
def topo() -> dict:
    return json.loads(geo.WORLD_TOPOJSON.read_text(encoding="utf-8"))


def test_outlines_are_where_streamlit_serves_them():
    assert geo.WORLD_TOPOJSON == ROOT / "static" / "topojson" / "world_110m.json"
    assert (ROOT / "dashboard.py").parent / "static" == geo.TOPOJSON_DIR.parent  # static/ is beside the script
    assert geo.WORLD_TOPOJSON.stat().st_size < 1_000_000


def test_streamlit_config_turns_static_serving_on():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableStaticServing"] is True
    assert config["server"]["headless"] is True
    assert config["browser"]["gatherUsageStats"] is False


def test_licence_names_source_and_checksum():
    licence = (geo.TOPOJSON_DIR / "LICENSE").read_text(encoding="utf-8")
    assert "plotly.js@3.0.3" in licence and "Natural Earth" in licence and "public domain" in licence
    assert hashlib.sha256(geo.WORLD_TOPOJSON.read_bytes()).hexdigest() in licence


def test_topojson_has_every_layer_plotly_draws(topo):
    assert topo["type"] == "Topology"
    assert LAYERS <= set(topo["objects"])
    assert topo["arcs"] and "transform" in topo


@pytest.mark.parametrize("code", ["VEN", "USA", "PAN", "BRA", "COL", "GUY", "CUB", "NIC", "RUS", "CHN", "ESP", "ARG", "BOL"])
def test_countries_plotly_needs_are_outlined(topo, code):
    ids = {g.get("id") for g in topo["objects"]["countries"]["geometries"]}
    assert code in ids
    assert code in geo.outlined_ids()
    feature = next(g for g in topo["objects"]["countries"]["geometries"] if g.get("id") == code)
    lon, lat = feature["properties"]["ct"]  # plotly.js places scattergeo ISO-3 points here
    assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_every_drawn_code_is_iso_3166():
    codes = geo.outlined_ids() | geo.small_country_centroids().keys()
    assert all(pycountry.countries.get(alpha_3=c) for c in codes)


def test_small_countries_are_markers_not_outlines():
    centroids = geo.small_country_centroids()
    assert {"ATG", "BRB", "DMA", "GRD", "KNA", "LCA", "VCT", "MLT", "SGP", "BHR", "TUV"} <= centroids.keys()
    assert not centroids.keys() & geo.outlined_ids()
    assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in centroids.values())


def test_every_country_but_a_few_territories_can_be_drawn():
    assert set(geo.unmappable(c.alpha_3 for c in pycountry.countries)) <= NOT_DRAWN


def test_every_country_in_the_alias_lexicon_can_be_drawn():
    with open(ROOT / "lib" / "lexicons" / "country_aliases.csv", encoding="utf-8") as f:
        codes = {row["code"] for row in csv.DictReader(f) if row["code"]}
    assert codes and geo.unmappable(sorted(codes)) == []


def test_unmappable_keeps_order_and_drops_repeats():
    assert geo.unmappable(["XXX", "VEN", "ATG", "YYY", "XXX"]) == ["XXX", "YYY"]


@pytest.mark.parametrize("page", ["http://h:8501/", "http://h:8501/positions", "http://h:8501/sub/", "http://h:8501/sub/positions"])
def test_topojson_url_resolves_to_the_served_file_from_any_page(page):
    base = page.rsplit("/", 1)[0]
    url = urljoin(page, geo.PLOTLY_CONFIG["topojsonURL"]) + "world_110m.json"
    assert url == f"{base}/app/static/topojson/world_110m.json"
    assert urlsplit(url).hostname == "h"


def test_plotly_config_keeps_the_topojson_url():
    assert geo.PLOTLY_CONFIG["topojsonURL"] == geo.TOPOJSON_URL
    config = geo.plotly_config(scrollZoom=False, topojsonURL="https://cdn.example/")
    assert config["scrollZoom"] is False and config["topojsonURL"] == geo.TOPOJSON_URL
    json.dumps(config)  # st.plotly_chart sends it as JSON


def _stances():
    return [
        dict(locations=["VEN", "ATG", "NIC", "ZZZ"], name="recognizes Maduro", colour="#D55E00", hovertext=["v", "a", "n", "z"]),
        dict(locations=["VCT"], name="only small", colour="#CC79A7", hovertext=["s"]),
        dict(locations=["USA", "PAN"], name="recognizes González", colour="#0072B2"),
    ]


def test_choropleth_fills_outlines_and_marks_small_countries():
    fig = geo.choropleth(_stances())
    kinds = [(t.type, t.name) for t in fig.data]
    assert kinds == [
        ("choropleth", "recognizes Maduro"), ("scattergeo", "recognizes Maduro"),
        ("scattergeo", "only small"), ("choropleth", "recognizes González"),
    ]
    maduro, maduro_small, small, gonzalez = fig.data
    assert list(maduro.locations) == ["VEN", "NIC"] and list(maduro.hovertext) == ["v", "n"]
    assert maduro.locationmode == "ISO-3" and maduro.colorscale[0][1] == "#D55E00"
    assert list(maduro_small.hovertext) == ["a"] and maduro_small.marker.color == "#D55E00"
    assert (maduro_small.lon[0], maduro_small.lat[0]) == geo.small_country_centroids()["ATG"]
    assert maduro.legendgroup == maduro_small.legendgroup and maduro.showlegend and not maduro_small.showlegend
    assert small.showlegend  # no outline in its group, so the marker carries the legend entry
    assert list(gonzalez.hovertext) == ["USA", "PAN"]
    assert fig.layout.geo.scope == "world" and fig.layout.geo.resolution == 110


def test_choropleth_of_nothing_is_an_empty_world():
    fig = geo.choropleth([])
    assert len(fig.data) == 0 and fig.layout.geo.scope == "world"


def test_choropleth_rejects_misaligned_hovertext():
    with pytest.raises(ValueError, match="hovertext"):
        geo.choropleth([dict(locations=["VEN", "USA"], name="x", colour="red", hovertext=["only one"])])


def test_offline_geo_pins_every_geo_subplot():
    fig = go.Figure([go.Choropleth(locations=["VEN"], z=[1]), go.Scattergeo(locations=["USA"], geo="geo2")])
    assert geo.offline_geo(fig) is fig
    for name in ("geo", "geo2"):
        assert fig.layout[name].scope == "world" and fig.layout[name].resolution == 110
    px_fig = geo.offline_geo(px.choropleth(locations=["VEN", "COL"], color=[1, 2]))
    assert px_fig.layout.geo.scope == "world"


@pytest.mark.parametrize("change", [
    lambda f: f.update_geos(scope="south america"),
    lambda f: f.update_geos(resolution=50),
    lambda f: f.update_traces(locationmode="USA-states"),
])
def test_offline_geo_refuses_what_needs_files_we_do_not_ship(change):
    fig = go.Figure(go.Choropleth(locations=["VEN"], z=[1]))
    change(fig)
    with pytest.raises(ValueError):
        geo.offline_geo(fig)


def test_geo_does_not_import_streamlit():
    code = "import sys, app.geo; sys.exit('streamlit' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
