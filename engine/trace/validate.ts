/**
 * Hand-written structural validators for snapshots and traces (issue #6 brings a schema library).
 * They check what the app relies on to draw without Python: kinds, ids, shapes, values. Each
 * returns a message naming the first problem and where, or undefined when the value is fine.
 */
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isInt = (v: unknown): v is number => Number.isInteger(v);
const isNumArray = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'number');
const DTYPES = new Set(['float32', 'float64', 'int64', 'int32', 'bool']);

function tensorSummary(v: unknown, where: string): string | undefined {
  if (!isObj(v)) return `${where} is not a tensor summary`;
  if (!isInt(v.id)) return `${where}.id is not an integer`;
  if (!Array.isArray(v.shape) || !v.shape.every(isInt)) return `${where}.shape is not a list of integers`;
  if (typeof v.dtype !== 'string' || !DTYPES.has(v.dtype)) return `${where}.dtype is not a dtype`;
  if (typeof v.requiresGrad !== 'boolean') return `${where}.requiresGrad is not a boolean`;
  // Values may hold NaN/Infinity, which JSON writes as null.
  if (v.values !== undefined && !(Array.isArray(v.values) && v.values.every((x) => typeof x === 'number' || x === null))) {
    return `${where}.values is not a list of numbers`;
  }
  if (v.text !== undefined && typeof v.text !== 'string') return `${where}.text is not a string`;
  return undefined;
}

const maybeTensor = (v: unknown, where: string): string | undefined => (v === null ? undefined : tensorSummary(v, where));

function inputRef(v: unknown, where: string): string | undefined {
  if (!isObj(v)) return `${where} is not an input reference`;
  if (v.kind === 'none') return undefined;
  if (v.kind === 'leaf') return isInt(v.tensorId) ? undefined : `${where}.tensorId is not an integer`;
  if (v.kind === 'node') return isInt(v.nodeId) && isInt(v.outputNr) ? undefined : `${where} has no nodeId/outputNr`;
  return `${where}.kind is not node, leaf or none`;
}

function each(list: unknown, where: string, check: (v: unknown, where: string) => string | undefined): string | undefined {
  if (!Array.isArray(list)) return `${where} is not a list`;
  for (let i = 0; i < list.length; i++) {
    const problem = check(list[i], `${where}[${i}]`);
    if (problem) return problem;
  }
  return undefined;
}

function location(v: unknown, where: string): string | undefined {
  if (v === undefined) return undefined;
  if (!isObj(v) || typeof v.cell !== 'string' || !isInt(v.line)) return `${where} is not a source location`;
  return undefined;
}

/** One trace event of version `version` (1, 2 or 3). */
export function validateEvent(v: unknown, where: string, version: number): string | undefined {
  if (!isObj(v)) return `${where} is not an event`;
  if (!isNum(v.seq)) return `${where}.seq is not a number`;
  const loc = location(v.loc, `${where}.loc`);
  if (loc) return loc;
  const pass = (): string | undefined => (isInt(v.pass) ? undefined : `${where}.pass is not an integer`);
  switch (v.kind) {
    case 'leaf':
      return tensorSummary(v.tensor, `${where}.tensor`);
    case 'op':
      if (!isInt(v.nodeId) || typeof v.op !== 'string' || typeof v.gradFn !== 'string') return `${where} needs nodeId, op and gradFn`;
      return each(v.inputs, `${where}.inputs`, inputRef) ?? tensorSummary(v.output, `${where}.output`);
    case 'name':
      return isInt(v.tensorId) && typeof v.name === 'string' ? undefined : `${where} needs tensorId and name`;
    case 'backward-start':
      return pass() ?? (isInt(v.rootTensorId) ? undefined : `${where}.rootTensorId is not an integer`);
    case 'backward-step':
      if (!isInt(v.nodeId)) return `${where}.nodeId is not an integer`;
      return (
        pass() ??
        each(v.gradsIn, `${where}.gradsIn`, maybeTensor) ??
        each(v.gradsOut, `${where}.gradsOut`, maybeTensor) ??
        (version >= 2
          ? each(v.edges, `${where}.edges`, (e, w) =>
              isObj(e) && isInt(e.index) ? inputRef(e.input, `${w}.input`) ?? maybeTensor(e.grad, `${w}.grad`) : `${w} is not an edge`)
          : undefined)
      );
    case 'accumulate':
      if (!isInt(v.tensorId)) return `${where}.tensorId is not an integer`;
      return pass() ?? maybeTensor(v.before, `${where}.before`) ?? tensorSummary(v.added, `${where}.added`) ?? tensorSummary(v.after, `${where}.after`);
    case 'gradient-sum':
      return (
        pass() ??
        inputRef(v.target, `${where}.target`) ??
        each(v.contributions, `${where}.contributions`, (c, w) => (isObj(c) && isInt(c.fromNodeId) ? tensorSummary(c.grad, `${w}.grad`) : `${w} is not a contribution`)) ??
        tensorSummary(v.sum, `${where}.sum`)
      );
    case 'backward-end':
      return pass();
    case 'saved-freed':
      return Array.isArray(v.nodeIds) && v.nodeIds.every(isInt) ? undefined : `${where}.nodeIds is not a list of integers`;
    case 'pass-summary':
      if (v.loss !== undefined && v.loss !== null && typeof v.loss !== 'number') return `${where}.loss is not a number`;
      return pass() ?? each(v.gradNorms, `${where}.gradNorms`, (g, w) => (isObj(g) && isInt(g.tensorId) ? undefined : `${w} is not a gradient norm`));
    case 'run-start':
      return typeof v.cell === 'string' ? undefined : `${where}.cell is not a string`;
    case 'hook':
      if (typeof v.name !== 'string') return `${where}.name is not a string`;
      return pass() ?? inputRef(v.target, `${where}.target`) ?? tensorSummary(v.before, `${where}.before`) ?? (v.after === undefined ? undefined : tensorSummary(v.after, `${where}.after`));
    case 'backward-error':
      if (!isInt(v.nodeId) || typeof v.message !== 'string' || typeof v.ename !== 'string') return `${where} needs nodeId, ename and message`;
      return pass() ?? (typeof v.anomaly === 'boolean' ? undefined : `${where}.anomaly is not a boolean`);
    case 'custom-call':
      if (!isInt(v.callId) || (v.fn !== 'forward' && v.fn !== 'backward') || typeof v.functionName !== 'string') return `${where} needs callId, fn and functionName`;
      return undefined;
    case 'custom-line':
    case 'custom-return':
      if (!isInt(v.callId)) return `${where}.callId is not an integer`;
      if (v.loc === undefined) return `${where}.loc is missing`;
      return Array.isArray(v.locals) ? undefined : `${where}.locals is not a list`;
    case 'gradcheck':
      if (!isInt(v.nodeId) || typeof v.ok !== 'boolean') return `${where} needs nodeId and ok`;
      return each(v.jacobians, `${where}.jacobians`, (j, w) =>
        isObj(j) ? tensorSummary(j.analytical, `${w}.analytical`) ?? tensorSummary(j.numerical, `${w}.numerical`) : `${w} is not a Jacobian pair`);
    default:
      return `${where}.kind ${JSON.stringify(v.kind)} is not a trace event kind`;
  }
}

/** `{version, events}` of a known version. */
export function validateTrace(v: unknown, where: string, knownVersions: readonly number[]): string | undefined {
  if (!isObj(v)) return `${where} is not a trace`;
  if (!isInt(v.version) || !knownVersions.includes(v.version)) return `${where}.version ${String(v.version)} is not one of ${knownVersions.join(', ')}`;
  return each(v.events, `${where}.events`, (e, w) => validateEvent(e, w, v.version as number));
}

export { isObj as isPlainObject, isNumArray };
