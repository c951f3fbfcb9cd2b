/**
 * Whole programs print exactly what PyTorch prints. Each engine/test/programs/*.py was run with real
 * PyTorch by scripts/goldens/programs.py; here the same file runs on Gradscope's engine.
 */
import { describeGoldenPrograms } from './golden-programs.ts';

describeGoldenPrograms('programs print what PyTorch prints', new URL('./programs/', import.meta.url));
