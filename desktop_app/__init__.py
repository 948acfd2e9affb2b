"""Ruko Parsel: office app for Kecamatan Paringin Selatan and the agencies of Kabupaten Balangan."""

__version__ = "0.1.0"
APP_NAME = "Ruko Parsel"
APP_ID = "ruko-parsel"
