import packageJson from '../../package.json' with { type: 'json' };

// Its own module so `edgewiz --version` and --help need none of the core.
export const APP_VERSION: string = packageJson.version;
