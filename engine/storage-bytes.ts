/**
 * Storages as bytes, for torch.save / torch.load: PyTorch writes each storage's raw little-endian
 * elements (int64 as 8-byte integers, bool as one byte). Gradscope keeps int64 in a Float64Array
 * of exact integers, so those convert on the way in and out; the other dtypes copy as they are.
 */
import { allocate, itemSize, type DType } from './dtype.ts';
import { runtimeError } from './errors.ts';
import { Tensor, type Storage } from './tensor.ts';

const storageKeys = new WeakMap<object, number>();
let nextStorageKey = 1;

/** One number per memory block: views, `.detach()` and `.data` of one tensor share it. */
export function storageKey(t: Tensor): number {
  let key = storageKeys.get(t.storage.data);
  if (key === undefined) {
    key = nextStorageKey++;
    storageKeys.set(t.storage.data, key);
  }
  return key;
}

/** Elements in the tensor's whole storage (what torch.save writes, not just the view). */
export function storageLength(t: Tensor): number {
  return t.storage.data.length;
}

/** The whole storage of `t` as PyTorch lays it out in a checkpoint. */
export function storageBytes(t: Tensor): Uint8Array {
  const data = t.storage.data;
  if (t.dtype === 'int64') {
    const out = new BigInt64Array(data.length);
    for (let i = 0; i < data.length; i++) out[i] = BigInt(data[i]!);
    return new Uint8Array(out.buffer);
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
}

/** A storage of `dtype` read from a checkpoint's bytes (copied: the bytes may be reused). */
export function storageFromBytes(bytes: Uint8Array, dtype: DType): Storage {
  const size = itemSize(dtype);
  if (bytes.byteLength % size !== 0) throw runtimeError(`storage of ${bytes.byteLength} bytes is not a whole number of ${dtype} elements`);
  const n = bytes.byteLength / size;
  const aligned = bytes.slice().buffer;
  const data = allocate(dtype, n);
  if (dtype === 'int64') {
    const ints = new BigInt64Array(aligned, 0, n);
    for (let i = 0; i < n; i++) data[i] = Number(ints[i]!);
  } else {
    data.set(new (data.constructor as new (b: ArrayBuffer, o: number, n: number) => typeof data)(aligned, 0, n));
  }
  return { data, version: 0 };
}

/** A tensor viewing `storage` (torch._utils._rebuild_tensor_v2), bounds-checked as PyTorch's set_ is. */
export function tensorOnStorage(storage: Storage, shape: readonly number[], strides: readonly number[], offset: number, dtype: DType): Tensor {
  let last = offset;
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === 0) {
      last = -1;
      break;
    }
    last += (shape[d]! - 1) * strides[d]!;
  }
  if (last >= storage.data.length) {
    throw runtimeError(
      `setStorage: sizes [${shape.join(', ')}], strides [${strides.join(', ')}], storage offset ${offset}, and itemsize ` +
        `${storage.data.BYTES_PER_ELEMENT} requiring a storage size of ${(last + 1) * storage.data.BYTES_PER_ELEMENT} are out of bounds ` +
        `for storage of size ${storage.data.length * storage.data.BYTES_PER_ELEMENT}`,
    );
  }
  return new Tensor(storage, [...shape], [...strides], offset, dtype);
}
