"""Fill in, show and check the EHC partnership working self-evaluation."""

__version__ = "0.1.0"
