/**
 * Imported first by the CLI: the AWS SDK prints a 9-line "NodeVersionSupportWarning" on Node 20
 * before the first client is built, on every command. The CLI runs on Node 20 and 22 (README), so the
 * notice is noise here; a user who set the variable either way keeps their choice.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
export {};
