/** The certificate request rules both the UI and the main process use. */
export * from './commands';
export * from './countries';
export * from './lint';
export * from './names';
export * from './profile';
export * from './requests';
export * from './installed';
