/**
 * nbformat 4's structure (nbformat.v4.schema.json, written here as valibot schemas): what an
 * exported .ipynb must be, and what an imported one is checked against before its cells are used.
 */
import * as v from 'valibot';

/** A string, or a list of lines (Jupyter writes lists, each line keeping its `\n`). */
const multilineString = v.union([v.string(), v.array(v.string())]);
const mimeBundle = v.record(v.string(), v.union([multilineString, v.record(v.string(), v.unknown()), v.array(v.unknown()), v.number(), v.boolean(), v.null()]));
const metadata = v.record(v.string(), v.unknown());
/** nbformat 4.5: cell ids are 1–64 letters, digits, `-` and `_`. */
const cellId = v.pipe(v.string(), v.regex(/^[a-zA-Z0-9-_]+$/), v.minLength(1), v.maxLength(64));
const executionCount = v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0)));

const output = v.variant('output_type', [
  v.strictObject({ output_type: v.literal('execute_result'), execution_count: executionCount, data: mimeBundle, metadata }),
  v.strictObject({ output_type: v.literal('display_data'), data: mimeBundle, metadata, transient: v.optional(v.record(v.string(), v.unknown())) }),
  v.strictObject({ output_type: v.literal('stream'), name: v.string(), text: multilineString }),
  v.strictObject({ output_type: v.literal('error'), ename: v.string(), evalue: v.string(), traceback: v.array(v.string()) }),
]);

const attachments = v.optional(v.record(v.string(), mimeBundle));

export const nbformatCellSchema = v.variant('cell_type', [
  v.strictObject({
    cell_type: v.literal('code'),
    id: v.optional(cellId),
    metadata,
    source: multilineString,
    execution_count: executionCount,
    outputs: v.array(output),
  }),
  v.strictObject({ cell_type: v.literal('markdown'), id: v.optional(cellId), metadata, source: multilineString, attachments }),
  v.strictObject({ cell_type: v.literal('raw'), id: v.optional(cellId), metadata, source: multilineString, attachments }),
]);

export const nbformatNotebookSchema = v.pipe(
  v.strictObject({
    nbformat: v.literal(4),
    nbformat_minor: v.pipe(v.number(), v.integer(), v.minValue(0)),
    metadata: v.looseObject({
      kernelspec: v.optional(v.looseObject({ name: v.string(), display_name: v.string() })),
      language_info: v.optional(v.looseObject({ name: v.string() })),
    }),
    cells: v.array(nbformatCellSchema),
  }),
  // From 4.5 on every cell has an id.
  v.check((nb) => nb.nbformat_minor < 5 || nb.cells.every((cell) => cell.id !== undefined), 'nbformat 4.5 and later need an id on every cell'),
);

export type NbformatNotebook = v.InferOutput<typeof nbformatNotebookSchema>;
export type NbformatCell = v.InferOutput<typeof nbformatCellSchema>;
