"""nn.Module's stack listener, installed only while a cell records, so module calls cost nothing
otherwise. It tells the engine which module call each op runs inside and names each parameter by
its path (``encoder.layers.0.weight``)."""
import _gradscope_engine as engine
from torch.nn.modules import module as modules


class Listener:
    def __init__(self):
        self.stack = []

    def enter(self, m):
        path = ''
        if self.stack:
            parent, parent_path = self.stack[-1]
            # A direct child, or one held by a container that is never called itself
            # (ModuleList, ModuleDict): encoder.layers.0, as named_modules() names it.
            name = next((k for k, v in parent._modules.items() if v is m), None)
            if name is None:
                name = next((k for k, v in parent.named_modules() if v is m and k), '?')
            path = f'{parent_path}.{name}' if parent_path else name
        self.stack.append((m, path))
        engine.enterModuleScope(path, type(m).__name__)
        for pname, p in m._parameters.items():
            if p is not None:
                engine.recordParameter(p._t, f'{path}.{pname}' if path else pname)

    def exit(self, m):
        if self.stack:
            self.stack.pop()
        engine.exitModuleScope()


def install():
    modules.set_module_stack_listener(Listener())


def remove():
    modules.set_module_stack_listener(None)
