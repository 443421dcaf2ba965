import * as fs from 'node:fs';
import { RULES } from '../rules';
import { Engine, SourceProject, defaultAnalysisOptions } from '../server/src/engine';

/**
 * The files of the list that fipslint parses: those its text pre-check keeps and its size limit
 * (the default, or `maxFileChars`) lets through, as the engine itself decides. The floor is
 * measured on exactly these, so the ratio compares like with like.
 */
export function filesFipslintParses(files: readonly string[], maxFileChars?: number): string[] {
  const engine = new Engine(RULES, new SourceProject());
  const options = defaultAnalysisOptions(maxFileChars === undefined ? {} : { maxFileChars });
  return files.filter((file) => {
    const result = engine.analyze(file, fs.readFileSync(file, 'utf8'), options);
    return !result.skipped && !result.tooLarge;
  });
}
