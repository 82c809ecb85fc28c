#!/usr/bin/env python3
"""Builds src/Liaison.Domain/Incidents/Gazetteer/places.json from the gazetteer sources (see the README beside it).

Usage: python3 eng/gazetteer/build_gazetteer.py SOURCE_FOLDER OUTPUT_FILE
SOURCE_FOLDER holds the unchanged source files named in the README. Run once when the sources change; the build never
reads them. The conversion is mechanical: names, aliases and points are copied; a neighbourhood's point is the
area-weighted centroid of its polygon's outer ring. Coordinates are rounded to 5 decimals (about 1 m).
"""
import json
import sys


def ring_centroid(ring):
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if area == 0:
        xs = [p[0] for p in ring]
        ys = [p[1] for p in ring]
        return sum(xs) / len(xs), sum(ys) / len(ys)
    return cx / (3 * area), cy / (3 * area)


def point(lon, lat):
    return [round(float(lon), 5), round(float(lat), 5)]


def main(source, output):
    places = []

    def add(name, arabic, aliases, kind, within, src, lon, lat):
        names = [a for a in aliases if a and a != name and a != arabic]
        place = {"name": name, "kind": kind, "source": src, "point": point(lon, lat)}
        if arabic:
            place["ar"] = arabic
        if names:
            place["aliases"] = list(dict.fromkeys(names))
        if within:
            place["within"] = within
        places.append(place)

    for g in json.load(open(f"{source}/opensyria_governorates.json", encoding="utf-8")):
        add(g["name"]["en"], g["name"].get("ar"), [a["value"] for a in g.get("aliases", [])], "governorate", None,
            "opensyria-governorates", g["centroid"]["longitude"], g["centroid"]["latitude"])
    governorates = {g["id"]: g["name"]["en"] for g in json.load(open(f"{source}/opensyria_governorates.json", encoding="utf-8"))}
    for d in json.load(open(f"{source}/opensyria_districts.json", encoding="utf-8")):
        add(d["name"]["en"], d["name"].get("ar"), [a["value"] for a in d.get("aliases", [])], "district",
            governorates.get(d.get("governorateId")), "opensyria-districts", d["centroid"]["longitude"], d["centroid"]["latitude"])

    levels = {0: "national-capital", 1: "governorate-capital", 2: "district-capital", 3: "subdistrict-capital"}
    for f in json.load(open(f"{source}/ocha_syr_admin_capitals.geojson", encoding="utf-8"))["features"]:
        p = f["properties"]
        lon, lat = f["geometry"]["coordinates"][:2]
        aliases = [p.get(k) for k in ("name_1", "name_2", "name_3") if p.get(k)]
        add(p["name"], None, aliases, levels.get(p["adm_p_lvl"], "capital"), p.get("adm1_name") or None, "ocha-admin-capitals", lon, lat)

    for f in json.load(open(f"{source}/ocha_syr_neighbourhoods.geojson", encoding="utf-8"))["features"]:
        p = f["properties"]
        ring = f["geometry"]["coordinates"][0]
        lon, lat = ring_centroid(ring)
        add(p["neighborho"], p.get("neighbor_1") or None, [p.get("neighbor_4")], "neighbourhood", p.get("adm4_en") or None,
            "ocha-neighbourhoods", lon, lat)

    countries = {"SY": "Syria", "IL": "Israel", "LB": "Lebanon", "JO": "Jordan"}
    for c in json.load(open(f"{source}/geonames_cities_sy_il_lb_jo.json", encoding="utf-8")):
        add(c["name"], None, [], "populated-place", countries.get(c["country"], c["country"]), "geonames-cities", c["lng"], c["lat"])

    with open(output, "w", encoding="utf-8") as out:
        out.write("[\n")
        out.write(",\n".join(json.dumps(p, ensure_ascii=False, separators=(",", ":")) for p in places))
        out.write("\n]\n")
    print(f"{len(places)} places written to {output}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
