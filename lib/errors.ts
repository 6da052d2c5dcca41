/** Props of a sg-guardian construct that cannot work together, reported at synth. */
export class GuardianPropsError extends Error {
  override readonly name = 'GuardianPropsError';
}

/** esbuild could not bundle a handler at synth. */
export class GuardianBundlingError extends Error {
  override readonly name = 'GuardianBundlingError';
}
