"""torch.backends.cudnn on a CPU build: not available, but its flags are settable as courses do
(`torch.backends.cudnn.deterministic = True`)."""
enabled = True
benchmark = False
deterministic = False
allow_tf32 = True


def is_available():
    return False


def version():
    return None
