"""Fictional phone numbers, in the national format of a commune's country and area."""

from __future__ import annotations

import random

from core.countries import Country
from rencontres.demo.catalogue import CommuneInfo

BE_AREA_CODES = {
    "21": ["02"],
    "23": ["02", "016"],
    "24": ["016"],
    "25": ["010"],
    "1": ["03", "014", "015"],
    "3": ["050", "056", "058", "059"],
    "4": ["09", "053", "052"],
    "5": ["064", "065", "068", "069", "071"],
    "6": ["04", "085", "086", "087"],
    "7": ["011", "089"],
    "8": ["061", "063", "084"],
    "9": ["081", "082", "083"],
}
FR_PARIS_REGION = {"75", "77", "78", "91", "92", "93", "94", "95"}
FR_NORTH_WEST = set("14 18 22 27 28 29 35 36 37 41 44 45 49 50 53 56 61 72 76 85 974 976".split())
FR_NORTH_EAST = set("02 08 10 21 25 39 51 52 54 55 57 58 59 60 62 67 68 70 71 80 88 89 90".split())
FR_SOUTH_EAST = set(
    "01 03 04 05 06 07 11 13 15 26 2A 2B 30 34 38 42 43 48 63 66 69 73 74 83 84".split()
)


def phone_number(rng: random.Random, commune: CommuneInfo) -> str:
    """A fictional number in the national format of the commune's country and area."""

    def digits(count: int) -> str:
        return "".join(str(rng.randrange(10)) for _ in range(count))

    if commune.country == Country.FRANCE:
        if rng.random() < 0.2:
            prefix = rng.choice(["06", "07"])
        else:
            department = commune.code[:2]
            prefix = (
                "01"
                if department in FR_PARIS_REGION
                else "02"
                if department in FR_NORTH_WEST
                else "03"
                if department in FR_NORTH_EAST
                else "04"
                if department in FR_SOUTH_EAST
                else "05"
            )
        return f"{prefix} {digits(2)} {digits(2)} {digits(2)} {digits(2)}"
    if rng.random() < 0.25:
        return f"04{rng.choice('789')}{digits(1)} {digits(2)} {digits(2)} {digits(2)}"
    code = commune.code
    areas = BE_AREA_CODES.get(code[:2]) or BE_AREA_CODES.get(code[:1]) or ["02"]
    area = rng.choice(areas)
    if len(area) == 2:
        return f"{area} {rng.randint(2, 9)}{digits(2)} {digits(2)} {digits(2)}"
    return f"{area} {rng.randint(2, 9)}{digits(1)} {digits(2)} {digits(2)}"
