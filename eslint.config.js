// ESLint is used only for the APPSYNC_JS profile: resolver code must obey AppSync's runtime
// restrictions, checked by @aws-appsync/eslint-plugin with type information.
import appsync from '@aws-appsync/eslint-plugin';
import tsParser from '@typescript-eslint/parser';

export default [
  {
    files: ['resolvers/**/*.ts'],
    ignores: ['resolvers/manifest.ts', 'resolvers/tables.ts', 'resolvers/build.ts'],
    languageOptions: {
      parser: tsParser,
      parserOptions: { project: './resolvers/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@aws-appsync': appsync },
    rules: appsync.configs.recommended.rules,
  },
];
