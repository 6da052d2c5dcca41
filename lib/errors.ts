/** Props of a sg-guardian construct that cannot work together, reported at synth. */
export class GuardianPropsError extends Error {
  override readonly name = 'GuardianPropsError';
}
