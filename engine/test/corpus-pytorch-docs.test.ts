/** corpus/pytorch-docs/*.py print what PyTorch prints (see corpus-suite.ts). */
import { describeCorpusSource } from './corpus-suite.ts';

describeCorpusSource('pytorch-docs');
