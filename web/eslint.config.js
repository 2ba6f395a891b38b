import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist", "node_modules"] },
  {
    files: ["**/*.{ts,tsx}"],
    // jsx-a11y: the accessibility rules a page's markup can break (labels, roles, keyboard access).
    extends: [js.configs.recommended, ...tseslint.configs.recommended, jsxA11y.flatConfigs.recommended],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      complexity: ["error", 15],
      // A dialog moves focus to its first field as the WAI-ARIA dialog pattern asks, and the login page
      // to its email: focus the user expects, not a surprise.
      "jsx-a11y/no-autofocus": "off",
      // A label's text may sit a few elements down (a choice's title and description).
      "jsx-a11y/label-has-associated-control": ["error", { depth: 4 }],
      // A region that scrolls on its own takes focus, so a keyboard can scroll it (axe's
      // scrollable-region-focusable); a tab panel takes focus as the tabs pattern asks.
      "jsx-a11y/no-noninteractive-tabindex": ["error", { roles: ["tabpanel", "region"] }],
    },
  },
);
