"""Turn the vendored Natural Earth boundaries (world-atlas countries-110m.json, TopoJSON)
into the page's world map: one SVG path per country, keyed by ISO 3166-1 alpha-3.

Run by hand when the vendored file changes; the output is committed, so the page loads
one small file and needs no TopoJSON library or projection code at run time:

    python tools/make_world_paths.py \
        src/blocwatch/web/static/vendor/countries-110m.json \
        src/blocwatch/web/static/vendor/world-110m.paths.json

Projection: Natural Earth I (Šavrič, Patterson, Jenny 2011, the published polynomial),
scaled to a 960-unit-wide frame from 58° S to 84° N (Antarctica left out). Codes: ISO numeric -> alpha-3 through pycountry; the
three shapes without a numeric id get Kosovo's XKX (as the gazetteer codes it) or none.
"""
from __future__ import annotations

import json
import math
import sys

import pycountry

WIDTH = 960.0
NO_NUMERIC = {"Kosovo": "XKX"}    # N. Cyprus, Somaliland: drawn, not tied to an actor
LEFT_OUT = {"Antarctica"}         # no actor; it would take a fifth of the frame
SOUTH, NORTH = -58.0, 84.0        # the frame's latitudes (Tierra del Fuego .. Greenland)


def natural_earth(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    p2 = phi * phi
    p4 = p2 * p2
    x = lam * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)))
    y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)))
    return x, y


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Delta-encoded, quantised arcs -> lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)     # arcs share their end points
    return points


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the antimeridian (Russia's Chukotka, Fiji) made continuous, so
    it is not drawn as a band across the whole map; what lies past 180° falls outside the
    frame. The ring stays on the side where most of it lies."""
    found = [points[0]]
    for lon, lat in points[1:]:
        previous = found[-1][0]
        while lon - previous > 180:
            lon -= 360
        while previous - lon > 180:
            lon += 360
        found.append((lon, lat))
    mean = sum(p[0] for p in found) / len(found)
    shift = -360 if mean > 180 else 360 if mean < -180 else 0
    return [(lon + shift, lat) for lon, lat in found]


def polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def alpha3(geometry: dict) -> str | None:
    numeric = geometry.get("id")
    if numeric:
        found = pycountry.countries.get(numeric=numeric)
        return found.alpha_3 if found else None
    return NO_NUMERIC.get(geometry["properties"]["name"])


def build(topology: dict) -> dict:
    arcs = decode_arcs(topology)
    x_max, _ = natural_earth(180, 0)
    _, y_max = natural_earth(0, NORTH)
    _, y_min = natural_earth(0, SOUTH)
    scale = WIDTH / (2 * x_max)
    height = (y_max - y_min) * scale

    def point(lon: float, lat: float) -> str:
        x, y = natural_earth(lon, lat)
        return f"{(x + x_max) * scale:.1f},{(y_max - y) * scale:.1f}"

    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["properties"]["name"] in LEFT_OUT:
            continue
        parts = []
        for polygon in polygons(geometry):
            for indices in polygon:
                points = unwrap(ring(indices, arcs))
                parts.append("M" + "L".join(point(*p) for p in points) + "Z")
        countries.append({"code": alpha3(geometry), "name": geometry["properties"]["name"],
                          "d": "".join(parts)})
    countries.sort(key=lambda c: c["name"])
    return {"source": "world-atlas 2.0.2 countries-110m.json (Natural Earth, public domain)",
            "projection": "Natural Earth I", "width": WIDTH, "height": round(height, 1),
            "countries": countries}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: make_world_paths.py countries-110m.json OUT.json", file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as f:
        topology = json.load(f)
    result = build(topology)
    with open(argv[1], "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, separators=(",", ":"))
    missing = [c["name"] for c in result["countries"] if not c["code"]]
    print(f"{len(result['countries'])} countries written to {argv[1]}; "
          f"without a code: {', '.join(missing) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
