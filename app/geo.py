"""World maps that draw without internet.

plotly.js does not carry country outlines: the first time a page draws a geo
map (``go.Choropleth``, ``go.Scattergeo``, ``px.choropleth``...) the *browser*
downloads ``<topojsonURL>/<scope>_<resolution>m.json``, and ``topojsonURL``
defaults to a plotly CDN. On a machine without internet that request fails and
the map is blank: no outlines, no coloured countries, only an empty frame.

So the project ships the outlines itself:

* ``static/topojson/world_110m.json`` (from the npm package plotly.js@3.0.3,
  built from Natural Earth, public domain; see ``static/topojson/LICENSE``);
* ``.streamlit/config.toml`` turns on ``server.enableStaticServing``, so
  Streamlit serves ``static/`` (beside ``dashboard.py``) at ``/app/static/``;
* :data:`PLOTLY_CONFIG` sets plotly.js's ``topojsonURL`` to that folder.
  Streamlit forwards the ``config`` of ``st.plotly_chart`` to plotly.js
  unchanged, so **every** ``st.plotly_chart`` call must pass
  ``config=PLOTLY_CONFIG`` (harmless for non-map charts);
* only the world map at 1:110m is shipped, so :func:`offline_geo` pins every
  geo subplot of a figure to ``scope="world"``, ``resolution=110`` and refuses
  what would need another file (another scope, 1:50m, ``USA-states``). Zoom
  with ``lataxis_range``/``lonaxis_range``/``projection_scale``/``center``
  or ``fitbounds="locations"`` instead of ``scope``.

At 1:110m about sixty small countries and territories have no outline (among
them Antigua and Barbuda, Barbados, Dominica, Grenada, Saint Kitts and Nevis,
Saint Lucia, Saint Vincent, Malta, Singapore, Bahrain). :func:`choropleth`
draws those as round markers at their centroids (``app/assets/
small_countries.json``), in the same colour and legend group as their trace;
:func:`unmappable` names the codes that cannot be drawn at all.

No Streamlit here: this module builds plain plotly figures and dicts.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import plotly.graph_objects as go

from app import style
from lib import paths

TOPOJSON_DIR = paths.STATIC / "topojson"
WORLD_TOPOJSON = TOPOJSON_DIR / "world_110m.json"
SMALL_COUNTRIES = Path(__file__).resolve().parent / "assets" / "small_countries.json"

# Relative, like Streamlit's own assets ("./static/..."), so that it resolves
# under server.baseUrlPath too. Page URLs are one level deep (/, /positions).
TOPOJSON_URL = "./app/static/topojson/"

#: Pass to every ``st.plotly_chart(fig, config=PLOTLY_CONFIG)``.
PLOTLY_CONFIG: dict = {"displaylogo": False, "topojsonURL": TOPOJSON_URL}

SCOPE = "world"
RESOLUTION = 110
BORDER_COLOUR = "white"

_GEO_TRACES = {"choropleth", "scattergeo"}


def plotly_config(**overrides) -> dict:
    """:data:`PLOTLY_CONFIG` plus plotly.js config options (``topojsonURL`` always kept)."""
    return {**PLOTLY_CONFIG, **overrides, "topojsonURL": TOPOJSON_URL}


@lru_cache(maxsize=1)
def outlined_ids() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes that have an outline in the shipped world map."""
    topo = json.loads(WORLD_TOPOJSON.read_text(encoding="utf-8"))
    return frozenset(g["id"] for g in topo["objects"]["countries"]["geometries"] if g.get("id"))


@lru_cache(maxsize=1)
def small_country_centroids() -> dict[str, tuple[float, float]]:
    """ISO-3 code -> (lon, lat) for countries too small to be outlined at 1:110m."""
    data = json.loads(SMALL_COUNTRIES.read_text(encoding="utf-8"))
    return {code: (float(lon), float(lat)) for code, (lon, lat) in data["centroids"].items()}


def unmappable(codes) -> list[str]:
    """The codes (in order, without repeats) that :func:`choropleth` cannot draw."""
    known = outlined_ids() | small_country_centroids().keys()
    return list(dict.fromkeys(c for c in codes if c not in known))


def offline_geo(fig: go.Figure) -> go.Figure:
    """Make ``fig``'s geo subplots use only the shipped outlines; returns ``fig``.

    Sets ``scope="world"`` and ``resolution=110`` where unset, and raises
    ``ValueError`` for what would make the browser ask for a file we do not
    ship (and so draw a blank map): another scope, ``resolution=50``, or a
    trace with ``locationmode="USA-states"``.
    """
    names = {"geo"}
    for trace in fig.data:
        if trace.type in _GEO_TRACES:
            names.add(trace.geo or "geo")
            if getattr(trace, "locationmode", None) == "USA-states":
                raise ValueError("locationmode='USA-states' needs usa_110m.json, which is not shipped")
    layout = fig.layout.to_plotly_json()
    names.update(k for k in layout if k.startswith("geo"))
    for name in sorted(names):
        geo = layout.get(name) or {}
        scope, resolution = geo.get("scope"), geo.get("resolution")
        if scope not in (None, SCOPE):
            raise ValueError(f"layout.{name}.scope={scope!r}: only the world map is shipped; zoom with lataxis_range/lonaxis_range or fitbounds")
        if resolution not in (None, RESOLUTION):
            raise ValueError(f"layout.{name}.resolution={resolution!r}: only the 1:110m outlines are shipped")
        fig.update_layout({name: {"scope": SCOPE, "resolution": RESOLUTION}})
    return fig


def choropleth(traces: list[dict], *, no_data_colour: str = style.NO_DATA_COLOUR, marker_size: int = 13) -> go.Figure:
    """A world map with one flat colour per trace, ready for ``PLOTLY_CONFIG``.

    Each item of ``traces`` is a dict with ``locations`` (ISO-3 codes),
    ``name`` (legend entry), ``colour`` (CSS colour) and optionally
    ``hovertext`` (one string per location), ``symbol`` (the small
    countries' marker shape), ``outline`` (a border colour for colours
    that are hard to tell apart) and ``opacity`` (1 when not given). Outlined countries are filled; countries too
    small to be outlined get a marker of the same colour and legend group,
    large enough to see and tap on a phone. Every point's ``customdata`` is its code, so a click on an
    outline or a marker says which country it was. Codes in :func:`unmappable` are left out.
    """
    outlined = outlined_ids()
    centroids = small_country_centroids()
    fig = go.Figure()
    for t in traces:
        name, colour = str(t["name"]), t["colour"]
        locations = list(t["locations"])
        hover = list(t.get("hovertext") or locations)
        if len(hover) != len(locations):
            raise ValueError(f"trace {name!r}: {len(locations)} locations but {len(hover)} hovertexts")
        big = [(c, h) for c, h in zip(locations, hover) if c in outlined]
        small = [(c, h) for c, h in zip(locations, hover) if c not in outlined and c in centroids]
        if big:
            fig.add_choropleth(
                locations=[c for c, _ in big], z=[1] * len(big), locationmode="ISO-3",
                colorscale=[[0, colour], [1, colour]], zmin=0, zmax=1, showscale=False,
                name=name, legendgroup=name, showlegend=True,
                hovertext=[h for _, h in big], hoverinfo="text", customdata=[c for c, _ in big],
                marker_line_color=t.get("outline") or BORDER_COLOUR, marker_line_width=1.2 if t.get("outline") else 0.5,
                marker_opacity=t.get("opacity", 1.0),
            )
        if small:
            fig.add_scattergeo(
                lon=[centroids[c][0] for c, _ in small], lat=[centroids[c][1] for c, _ in small],
                mode="markers", marker=dict(size=marker_size, color=colour, symbol=t.get("symbol") or "circle", opacity=t.get("opacity", 1.0),
                                            line=dict(color=t.get("outline") or "#333333", width=1)),
                name=name, legendgroup=name, showlegend=not big,
                hovertext=[h for _, h in small], hoverinfo="text", customdata=[c for c, _ in small],
            )
    fig.update_geos(
        showcountries=True, countrycolor=BORDER_COLOUR, countrywidth=0.5,
        showland=True, landcolor=no_data_colour, showcoastlines=False,
        showframe=False, projection_type="natural earth", lataxis_range=[-58, 85],
    )
    return offline_geo(fig)
