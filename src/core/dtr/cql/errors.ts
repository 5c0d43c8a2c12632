// Why a pre-population cannot run: bad input the user can fix (which file, which field), or the engine failing on
// input that looked valid. The CLI maps the first to exit 2 and the second to exit 1.

/** Which input is at fault: the questionnaire package, the patient record, or the options (order, date). */
export type PrefillInputSource = 'package' | 'record' | 'options';

export class PrefillInputError extends Error {
  override readonly name = 'PrefillInputError';
  constructor(
    readonly source: PrefillInputSource,
    message: string,
  ) {
    super(message);
  }
}

/** A CQL library threw while it was executed (its ELM was accepted, the data was not what it expects). */
export class CqlExecutionError extends Error {
  override readonly name = 'CqlExecutionError';
  constructor(
    readonly library: string,
    cause: unknown,
  ) {
    super(`CQL library ${library} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
