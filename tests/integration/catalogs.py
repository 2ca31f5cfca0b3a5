"""Reads the catalog definitions as data (the expected domains and categories of each variant)."""
import os
import xml.etree.ElementTree as ET

from harness import TOP

VARIANTS = ["lincang", "yancheng", "qinghai", "zhejiang", "shanwei"]


def load(variant):
    return ET.parse(os.path.join(TOP, "xslt", "catalogs", variant + ".xml")).getroot()


def domains(variant):
    return [(d.get("code"), d.get("name")) for d in load(variant).findall("domain")]


def categories(variant):
    return [(c.get("code"), c.get("name"), c) for c in load(variant).iter("category")]
