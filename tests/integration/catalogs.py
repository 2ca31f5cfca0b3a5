"""Reads the catalog definitions as data (the expected domains and categories of each variant)."""
import os
import xml.etree.ElementTree as ET

from harness import TOP

VARIANTS = ["lincang", "yancheng", "qinghai", "zhejiang", "shanwei"]
DIR = os.path.join(TOP, "xslt", "catalogs")


def load(variant):
    return ET.parse(os.path.join(DIR, variant + ".xml")).getroot()


def domains(variant):
    return [(d.get("code"), d.get("name")) for d in load(variant).findall("domain")]


def categories(variant):
    return [(c.get("code"), c.get("name"), c) for c in load(variant).iter("category")]


def columns(variant):
    """Every domain and category with the chain from the catalog down to it (root first)."""
    out = []

    def walk(node, chain):
        for c in node:
            if c.tag in ("domain", "category"):
                out.append((c, chain + [c]))
                walk(c, chain + [c])
    root = load(variant)
    walk(root, [root])
    return out


def inherited(chain, name):
    """An attribute as a column has it: its own, else its nearest ancestor's (the catalog's for
    the defaults); None where nobody says."""
    for node in reversed(chain):
        if node.get(name) is not None:
            return node.get(name)
    return None


def limit_days(chain):
    """The working days a column's notices are due in: its limit-days, else the general rule."""
    days = inherited(chain, "limit-days")
    if days is not None:
        return int(days)
    general = chain[0].find("time-limits/time-limit[@kind='general']")
    return int(general.get("days"))


def channel_names(chain):
    return inherited(chain, "channels").split()
