// ESLint (typescript-eslint): `npm run lint`, also run by `npm test`. The layers and the absence of
// import cycles are held by test/architecture.test.ts, which reads the same imports with the
// TypeScript parser (docs/ARCHITECTURE.md); formatting is Prettier's (.prettierrc.json).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.data/',
      '.scratch/',
      'test/generated/',
      'src/**/*.generated.ts',
      'temp/',
      'coverage/',
      'console/dist/',
      'console/src/gql/',
      'test-output/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      // unused names are errors, except those written to be ignored (`_`-prefixed) and rest siblings
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // MikroORM and type-graphql classes are declared with `!` fields and decorators
      '@typescript-eslint/no-non-null-assertion': 'off',
      // a control character in a regular expression is how NUL and other refused characters are named
      'no-control-regex': 'off',
      // the adapters' code paths go through `Function`-typed resolver metadata of type-graphql
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    // tests read JSON answers field by field
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // the layers, for the editor (test/architecture.test.ts is the authority: it also refuses cycles,
  // names the few type-only exceptions module by module, and orders the core's tiers)
  ...layer('src/shared/**', ['core', 'graphql', 'scim', 'saml', 'server']),
  ...layer('src/core/**', ['graphql', 'scim', 'saml', 'server']),
  ...layer('src/graphql/**', ['scim', 'saml', 'server']),
  ...layer('src/scim/**', ['saml', 'server'], ['core', 'graphql']),
  ...layer('src/saml/**', ['scim', 'server'], ['core', 'graphql']),
  ...layer('src/audit/**', ['scim', 'saml', 'server'], ['core', 'graphql']),
);

/** Files under `files` may not import the folders `never`, nor `typesOnly` but for types. */
function layer(files, never, typesOnly = []) {
  const folders = (names) => names.flatMap((n) => [`../${n}/*`, `../../${n}/*`, `../${n}`, `../../${n}`]);
  return [
    {
      files: [files],
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          'error',
          {
            patterns: [
              { group: folders(never), message: 'this layer may not import that one (docs/ARCHITECTURE.md)' },
              ...(typesOnly.length
                ? [
                    {
                      group: folders(typesOnly),
                      allowTypeImports: true,
                      message: 'an adapter reaches the core through GraphQL operations: types only (docs/ARCHITECTURE.md)',
                    },
                  ]
                : []),
            ],
          },
        ],
      },
    },
  ];
}
