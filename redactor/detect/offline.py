"""Keep libraries that would fetch data at run time offline, and quiet."""

from __future__ import annotations

import logging

import tldextract
import tldextract.tldextract


def use_offline_suffix_list() -> None:
    """Make tldextract (used by Presidio's e-mail recognizer) use its bundled suffix list.

    By default it downloads the Public Suffix List on first use and caches it; here nothing may
    reach the network, so it reads the snapshot shipped inside the package instead.
    """
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True
    )
    logging.getLogger("tldextract").setLevel(logging.ERROR)
