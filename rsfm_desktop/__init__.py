"""RSFM Desktop: a catalog of remote-sensing foundation-model papers and datasets."""

__version__ = "0.1.0"
