/**
 * Forward-mode AD programs print exactly what PyTorch prints: dual tensors, views and in-place
 * ops, each op's tangent, tangents' own grad_fn, custom Functions' jvp, torch.func.jvp/jacfwd and
 * torch.autograd.functional.jvp. Each engine/test/forward-ad/*.py was run with real PyTorch by
 * scripts/goldens/forward_ad.py; here the same file runs on Gradscope's engine.
 */
import { describeGoldenPrograms } from './golden-programs.ts';

describeGoldenPrograms('forward-mode AD programs print what PyTorch prints', new URL('./forward-ad/', import.meta.url));
