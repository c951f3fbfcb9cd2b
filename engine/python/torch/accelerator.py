"""torch.accelerator (PyTorch 2.6+): the device-agnostic view of GPUs, empty on a CPU-only build."""


def is_available():
    return False


def current_accelerator(check_available=False):
    return None


def device_count():
    return 0
