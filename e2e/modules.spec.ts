import { expect, PYTHON_LOAD_TIMEOUT, test } from './fixtures.ts';
import type { NotebookPage } from './pages/notebook-page.ts';
import { ReplayPage } from './pages/replay-page.ts';

const MLP_PROGRAM = `import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))
x = torch.randn(2, 3)
loss = model(x).sum()
loss.backward()
print(loss.grad_fn)`;

/** encoder ⊃ encoder.layers.0 ⊃ encoder.layers.0.fc: modules nested three deep, and a head. */
const NESTED_PROGRAM = `import torch
from torch import nn
torch.manual_seed(0)
class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)
        self.act = nn.ReLU()
    def forward(self, x):
        return self.act(self.fc(x))
class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([Layer(), Layer()])
    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x
class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = Encoder()
        self.head = nn.Linear(4, 1)
    def forward(self, x):
        return self.head(self.encoder(x))
model = Model()
loss = model(torch.randn(2, 4)).sum()
loss.backward()
print(loss.grad_fn)`;

const TWO_MODELS_PROGRAM = `import torch
from torch import nn
torch.manual_seed(0)
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(2, 2)
    def forward(self, x):
        return self.fc1(x)
a, b = Net(), Net()
x = torch.randn(1, 2)
loss = (a(x) + b(x)).sum()
loss.backward()
print(loss.grad_fn)`;

const DEEP_MLP_PROGRAM = `import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 1))
loss = model(torch.randn(4, 3)).sum()
loss.backward()
print(loss.grad_fn)`;

async function runModel(notebook: NotebookPage, code: string): Promise<void> {
  await notebook.runInFirstCell(code);
  await expect(notebook.output(1)).toContainText('SumBackward0');
}

interface DrawnBox {
  readonly path: string;
  readonly key: string;
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** Screen rectangles of every expanded module's box, as drawn. */
function moduleBoxRects(notebook: NotebookPage): Promise<DrawnBox[]> {
  return notebook.graph.evaluate((svg) =>
    [...svg.querySelectorAll<SVGGElement>('g.gs-module')].map((g) => {
      const rect = g.querySelector('rect.gs-module-box')!.getBoundingClientRect();
      return {
        path: g.dataset.groupPath ?? '',
        key: g.dataset.groupKey ?? '',
        left: rect.left,
        top: rect.top,
        right: rect.right,
        bottom: rect.bottom,
      };
    }),
  );
}

const isInside = (outer: DrawnBox, inner: DrawnBox) =>
  inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5 && inner.top >= outer.top - 0.5 && inner.bottom <= outer.bottom + 0.5;
const intersect = (a: DrawnBox, b: DrawnBox) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
/** `encoder` encloses `encoder.layers.0`; the outermost module (path '') encloses everything. */
const encloses = (outer: string, inner: string) => outer !== inner && (outer === '' || inner.startsWith(`${outer}.`));

test('an nn.Sequential model is grouped per module, and modules collapse, select and expand', async ({ freshNotebook: notebook }) => {
  const page = notebook.page;
  await notebook.typeIntoCell(1, MLP_PROGRAM);
  await notebook.runCellByButton(1);
  await expect(notebook.output(1)).toContainText('SumBackward0', { timeout: PYTHON_LOAD_TIMEOUT });

  const moduleBox = (path: string) => notebook.graph.locator(`g.gs-module[data-group-path="${path}"]`);
  await expect(moduleBox('')).toHaveAttribute('aria-label', 'module Sequential');
  await expect(moduleBox('0')).toHaveAttribute('aria-label', 'module 0: Linear');
  await expect(moduleBox('1')).toHaveAttribute('aria-label', 'module 1: ReLU');
  await expect(moduleBox('2')).toHaveAttribute('aria-label', 'module 2: Linear');
  await expect(moduleBox('0')).toContainText('0: Linear');
  // 4 parameters, 2 × (t, addmm), relu, sum
  await expect(notebook.graphNodes()).toHaveCount(10);

  // Collapsing the first Linear folds its weight, bias and two ops into one node with its grad norm.
  await page.getByRole('button', { name: 'Collapse 0: Linear', exact: true }).click();
  const folded = notebook.graphNodes('group');
  await expect(folded).toHaveCount(1);
  await expect(folded).toHaveAttribute('aria-label', /^module 0: Linear, collapsed, 4 nodes, grad norm \d/);
  await expect(folded).toContainText('0: Linear');
  await expect(folded).toContainText('‖grad‖');
  await expect(notebook.graphNodes()).toHaveCount(7);
  await expect(moduleBox('0')).toHaveCount(0);
  await expect(notebook.graphNodes('ReluBackward0')).toBeVisible();

  // Clicking the collapsed module selects it: the inspector shows the module and its parameters.
  await folded.click();
  await expect(folded).toContainClass('is-selected');
  const inspector = new ReplayPage(page).inspector;
  await expect(inspector.getByRole('list', { name: 'Parameters' })).toContainText('0.weight [4, 3] · ‖grad‖');
  await expect(inspector).toContainText('Linear');
  await expect(inspector).toContainText('4 nodes (2 ops)');

  // Its ▸ expands it again.
  await page.getByRole('button', { name: 'Expand 0: Linear', exact: true }).click();
  await expect(notebook.graphNodes('group')).toHaveCount(0);
  await expect(notebook.graphNodes()).toHaveCount(10);
  await expect(moduleBox('0')).toHaveAttribute('aria-label', 'module 0: Linear');

  // Collapsing the whole model leaves the model as one node and the loss outside it.
  await page.getByRole('button', { name: 'Collapse Sequential', exact: true }).click();
  await expect(notebook.graphNodes()).toHaveCount(2);
  await expect(notebook.graphNodes('group')).toHaveAttribute('aria-label', /^module Sequential, collapsed, 9 nodes/);
});

test('nested modules draw nested boxes that never overlap their siblings', async ({ freshNotebook: notebook }) => {
  await runModel(notebook, NESTED_PROGRAM);
  const moduleBox = (path: string) => notebook.graph.locator(`g.gs-module[data-group-path="${path}"]`);
  await expect(moduleBox('encoder.layers.0')).toHaveAttribute('aria-label', 'module encoder.layers.0: Layer');
  await expect(moduleBox('encoder.layers.1.fc')).toHaveAttribute('aria-label', 'module encoder.layers.1.fc: Linear');
  await notebook.fitGraphButton.click();

  const boxes = await moduleBoxRects(notebook);
  // Model, encoder, 2 × (layer, fc, act), head
  expect(boxes.map((box) => box.path).sort()).toEqual(
    [
      '',
      'encoder',
      'encoder.layers.0',
      'encoder.layers.0.act',
      'encoder.layers.0.fc',
      'encoder.layers.1',
      'encoder.layers.1.act',
      'encoder.layers.1.fc',
      'head',
    ].sort(),
  );
  const problems: string[] = [];
  for (const a of boxes) {
    for (const b of boxes) {
      if (a.key >= b.key) continue;
      if (encloses(a.path, b.path) ? !isInside(a, b) : encloses(b.path, a.path) ? !isInside(b, a) : intersect(a, b)) {
        problems.push(`${a.path || 'Model'} / ${b.path || 'Model'}`);
      }
    }
  }
  expect(problems).toEqual([]);
});

test('stepping the timeline into a collapsed module lights the module and names the current member', async ({ freshNotebook: notebook }) => {
  const page = notebook.page;
  await runModel(notebook, MLP_PROGRAM);
  await page.getByRole('button', { name: 'Collapse 0: Linear', exact: true }).click();
  const folded = notebook.graphNodes('group');
  await expect(folded).toHaveCount(1);
  const replay = new ReplayPage(page);
  // Early steps come before the module's first member: it is not drawn yet, so count, don't wait.
  const activeGroup = notebook.graph.locator('[data-node-id][data-op="group"].is-active');
  let index = 0;
  for (; index < 60; index++) {
    await replay.scrubTo(index);
    if ((await activeGroup.count()) > 0) break;
  }
  expect(index).toBeLessThan(60);
  await expect(folded).toContainClass('is-active');
  await expect(folded).toContainText(/0: Linear · (TBackward0|AddmmBackward0|0\.weight|0\.bias)/);

  // Later in the backward pass, a gradient pulse lands on the module: its edge ends at the group.
  const groupId = await folded.getAttribute('data-node-id');
  let sawPulseIntoGroup = false;
  for (let later = index + 1; later < 80 && !sawPulseIntoGroup; later++) {
    await replay.scrubTo(later);
    sawPulseIntoGroup = (await page.locator(`path.gs-edge.is-pulsing[data-source="${groupId}"]`).count()) > 0;
  }
  expect(sawPulseIntoGroup).toBe(true);
});

test('two models that both have an fc1 show two fc1 groups', async ({ freshNotebook: notebook }) => {
  await runModel(notebook, TWO_MODELS_PROGRAM);
  const fc1Boxes = notebook.graph.locator('g.gs-module[data-group-path="fc1"]');
  await expect(fc1Boxes).toHaveCount(2);
  await expect(notebook.graph.locator('g.gs-module[data-group-path=""]')).toHaveCount(2);
  const [a, b] = (await moduleBoxRects(notebook)).filter((box) => box.path === 'fc1');
  expect(intersect(a!, b!)).toBe(false);
});

test('a three-layer MLP in a Sequential lays out one box per layer', async ({ freshNotebook: notebook }) => {
  await runModel(notebook, DEEP_MLP_PROGRAM);
  await expect(notebook.graph.locator('g.gs-module')).toHaveCount(6);
  await notebook.fitGraphButton.click();
  const boxes = (await moduleBoxRects(notebook)).filter((box) => box.path !== '');
  for (const a of boxes) for (const b of boxes) if (a.key < b.key) expect(intersect(a, b), `${a.path} / ${b.path}`).toBe(false);
});
