import { InputError } from '../../core/errors';
import { readFile } from 'node:fs/promises';

export class InputFileError extends InputError {
  override readonly name = 'InputFileError';
}

/** Reads a JSON file; errors name the file and, for syntax errors, what the parser said. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputFileError(`${path}: cannot read file (${(error as Error).message})`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputFileError(`${path}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
}
