/** Corpus programs that must not share a worker with others yet (corpus-suite.ts says why). */
import { ISOLATED, describeCorpusSource } from './corpus-suite.ts';

describeCorpusSource('isolated', ISOLATED);
