import { readConfig, type FunctionConfig } from './config.ts';

/** The function's configuration, read once per Lambda instance from its environment. */
export const config: FunctionConfig = readConfig(process.env);
