import { expect, test, withoutPython } from './fixtures.ts';
import { LibraryPage } from './pages/library-page.ts';

// The library, markdown cells and the two-tab guard work without Python: no page here loads it.
test.beforeEach(async ({ context }) => {
  await withoutPython(context);
});

test.describe('several notebooks', () => {
  test('two notebooks keep their own code, and switching shows each', async ({ notebook, page }) => {
    const library = new LibraryPage(page);
    await notebook.open();
    await notebook.typeIntoCell(1, 'first = 1');
    await library.rename('First');
    await library.waitUntilSaved();

    await library.createNotebook();
    await expect(library.title).toHaveValue('Untitled');
    await notebook.typeIntoCell(1, 'second = 2');
    await library.rename('Second');
    await library.waitUntilSaved();

    await library.openNotebook('First');
    expect(await notebook.codeOf(1)).toBe('first = 1');
    await library.openNotebook('Second');
    expect(await notebook.codeOf(1)).toBe('second = 2');

    // The open notebook is remembered across a reload.
    await page.reload();
    await expect(library.title).toHaveValue('Second');
    expect(await notebook.codeOf(1)).toBe('second = 2');
  });

  test('duplicates, deletes, and undoes a delete', async ({ notebook, page }) => {
    const library = new LibraryPage(page);
    await notebook.open();
    await notebook.typeIntoCell(1, 'original = True');
    await library.rename('Original');
    await library.waitUntilSaved();

    await library.notebooksButton.click();
    await library.notebooksMenu().getByRole('button', { name: 'Duplicate Original' }).click();
    await expect(library.title).toHaveValue('Original (copy)');
    expect(await notebook.codeOf(1)).toBe('original = True');
    expect((await library.notebookTitles()).sort()).toEqual(['Original', 'Original (copy)']);

    await library.notebooksButton.click();
    await library.notebooksMenu().getByRole('button', { name: 'Delete Original (copy)' }).click();
    await expect(page.getByRole('status', { name: 'Deleted notebook' })).toContainText('Deleted “Original (copy)”');
    await expect(library.title).toHaveValue('Original');
    await expect(library.notebooksMenu().locator('.notebooks-menu__title')).toHaveText(['Original']);

    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByRole('status', { name: 'Deleted notebook' })).toHaveCount(0);
    expect((await library.notebookTitles()).sort()).toEqual(['Original', 'Original (copy)']);
    await page.reload();
    expect((await library.notebookTitles()).sort()).toEqual(['Original', 'Original (copy)']);
  });
});

test.describe('markdown cells', () => {
  test('render the markdown people write and show HTML, scripts and javascript: links as harmless text', async ({ notebook, page }) => {
    const library = new LibraryPage(page);
    const alerts: string[] = [];
    page.on('dialog', (dialog) => {
      alerts.push(dialog.message());
      void dialog.dismiss();
    });
    await notebook.open();
    await page.getByRole('button', { name: 'Add markdown cell' }).click();
    const source = library.markdownSource(2);
    await expect(source).toBeFocused();
    await source.fill(
      [
        '# Gradients **add** at a fan-out',
        '',
        'See `a.grad` and [the docs](https://pytorch.org/docs/stable/autograd.html); $d/da = 5$.',
        '',
        '- <img src=x onerror="window.__pwned = 1; alert(1)">',
        '- [click me](javascript:window.__pwned=2)',
        '',
        '<script>window.__pwned = 3</script>',
      ].join('\n'),
    );
    await source.press('Escape');

    const rendered = library.renderedMarkdown(2);
    await expect(rendered.getByRole('heading', { level: 1 })).toHaveText('Gradients add at a fan-out');
    await expect(rendered.locator('strong')).toHaveText('add');
    await expect(rendered.locator('code')).toHaveText('a.grad');
    await expect(rendered.getByRole('link', { name: 'the docs' })).toHaveAttribute('href', 'https://pytorch.org/docs/stable/autograd.html');
    await expect(rendered).toContainText('<img src=x onerror="window.__pwned = 1; alert(1)">');
    await expect(rendered).toContainText('<script>window.__pwned = 3</script>');
    await expect(rendered.locator('img, script, iframe')).toHaveCount(0);
    await expect(rendered.getByRole('link')).toHaveCount(1);
    await expect(rendered.getByText('click me')).toBeVisible();
    await rendered.getByText('click me').click();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(alerts).toEqual([]);

    // Double-click edits again; the markdown survives a reload rendered.
    await rendered.dblclick();
    await expect(library.markdownSource(2)).toBeFocused();
    await library.markdownSource(2).press('Escape');
    await library.waitUntilSaved();
    await page.reload();
    await expect(library.renderedMarkdown(2).getByRole('heading', { level: 1 })).toHaveText('Gradients add at a fan-out');
  });

  test('a code cell converts to markdown and back', async ({ notebook, page }) => {
    const library = new LibraryPage(page);
    await notebook.open();
    await notebook.typeIntoCell(1, '**not python**');
    await notebook.cell(1).hover();
    await notebook.cell(1).getByRole('button', { name: 'Switch between code and markdown' }).click();
    await expect(library.renderedMarkdown(1).locator('strong')).toHaveText('not python');
    await notebook.cell(1).hover();
    await notebook.cell(1).getByRole('button', { name: 'Switch between code and markdown' }).click();
    await expect(notebook.editorOf(1)).toBeVisible();
    expect(await notebook.codeOf(1)).toBe('**not python**');
  });
});

test.describe('two tabs on one notebook', () => {
  test('the second tab is read-only with a banner, follows the first, and can take over', async ({ notebook, page, context }) => {
    const first = new LibraryPage(page);
    await notebook.open();
    await notebook.typeIntoCell(1, 'edited_in = "first tab"');
    await first.waitUntilSaved();

    const secondPage = await context.newPage();
    const second = new LibraryPage(secondPage);
    const { NotebookPage } = await import('./pages/notebook-page.ts');
    const secondNotebook = new NotebookPage(secondPage);
    await secondNotebook.open();
    await expect(second.readOnlyBanner).toContainText('open in another tab');
    await expect(second.saveStatus).toHaveText('Read-only');
    expect(await secondNotebook.codeOf(1)).toBe('edited_in = "first tab"');

    // Typing in the read-only tab changes nothing, and says so where the person types.
    await secondNotebook.editorOf(1).click();
    await secondPage.keyboard.type('lost = 1');
    expect(await secondNotebook.codeOf(1)).toBe('edited_in = "first tab"');
    await expect(secondNotebook.cell(1).locator('.monaco-editor-overlaymessage')).toContainText('open in another tab, so typing here changes nothing');

    // The first tab's edits show up in the second.
    await notebook.typeIntoCell(1, 'edited_in = "first tab, later"');
    await first.waitUntilSaved();
    await expect.poll(() => secondNotebook.codeOf(1)).toBe('edited_in = "first tab, later"');

    await second.takeOverButton.click();
    await expect(second.readOnlyBanner).toHaveCount(0);
    await expect(first.readOnlyBanner).toContainText('Another tab took this notebook over');
    await secondNotebook.typeIntoCell(1, 'edited_in = "second tab"');
    await second.waitUntilSaved();
    await expect.poll(() => notebook.codeOf(1)).toBe('edited_in = "second tab"');
    await secondPage.close();
  });
});
