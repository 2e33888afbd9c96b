declare module 'vitest' {
  export interface ProvidedContext {
    /** Executable of the Temporal time-skipping test server. */
    testServerPath: string;
    /** The embedded stack started once for all suites. */
    temporalAddress: string;
    mongodbUri: string;
    smtpUrl: string;
    mailSinkUrl: string;
  }
}
export {};
