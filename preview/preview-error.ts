/**
 * The one error the preview raises: an input it cannot read (a synth output directory without
 * stacks, a plan file that is not `terraform show -json` output). The CLI reports it as bad
 * input (exit 2); anything else thrown from here is a bug.
 */
export class PreviewInputError extends Error {
  /**
   * @param file the file or directory that could not be read
   * @param problem what is wrong with it and, where it helps, what to do
   */
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'PreviewInputError';
  }
}
