"""torch.version: what this build is (a CPU build; see torch.__version__ for why 2.6)."""
__version__ = "2.6.0+gradscope"
debug = False
cuda = None
hip = None
git_version = "gradscope"
