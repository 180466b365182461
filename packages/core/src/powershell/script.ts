import type { Span } from "../xml/document.js";

/** A value given to a parameter or command (`'a-b'`, `$true`, `$objectId`, `(Get-Date)`). */
export interface PowerShellArgument {
  /**
   * The value when it is known without running the script: a string's content with its quotes
   * removed and escapes undone, a number or `$true`/`$false`/`$null` as written. Otherwise the
   * source text.
   */
  text: string;
  /** Whether `text` is the value: a literal, or a variable that holds one (see `constant`). */
  literal: boolean;
  /** A literal's type: a bare word (`omada@contoso.com`) is a string, as PowerShell passes it. */
  type?: "string" | "number" | "boolean" | "null";
  /** Where the argument is written in the command. */
  span: Span;
  /**
   * For a variable assigned exactly once in the script, to a literal, before this use
   * (`$objectId = '…'`): its name as written and where that literal is.
   */
  constant?: { variable: string; definition: Span };
}

export interface PowerShellParameter {
  /** The name without the dash, as written (`ObjectId`, `objecti`): PowerShell accepts any unambiguous prefix. */
  name: string;
  /** The `-Name` token, or the key of a splatted hashtable. */
  span: Span;
  /** After a colon (`-Name:value`), or the next element unless the parameter is a known switch. */
  argument?: PowerShellArgument;
  /** Written `-Name:value`. */
  colon: boolean;
  /** Given by splatting a hashtable literal (`$params = @{ ObjectId = '…' }; … @params`). */
  splat?: {
    /** `@params`, as written in the command. */
    variable: string;
    /** The `@params` in the command. */
    span: Span;
    /** How many commands of the script splat the same variable. */
    uses: number;
  };
}

/** A splatted variable whose contents are not known: any parameter may come from it. */
export interface PowerShellSplat {
  variable: string;
  span: Span;
}

/** What is piped into a command: the command before it, or a value (`'a@contoso.com' | Set-CASMailbox …`). */
export type PowerShellPipelineInput = { command: PowerShellCommand } | { value: PowerShellArgument };

/** One command invocation (`New-ServicePrincipal -AppId … -ObjectId …`). */
export interface PowerShellCommand {
  /** As written, or a quoted name's content (`& 'New-ServicePrincipal'`). */
  name: string;
  nameSpan: Span;
  span: Span;
  parameters: PowerShellParameter[];
  /** Positional arguments, in order. */
  arguments: PowerShellArgument[];
  /** Splats whose contents are not known (`@PSBoundParameters`, a hashtable built step by step). */
  unknownSplats: PowerShellSplat[];
  /** `--% …`: the rest of the line is passed as it is, so its parameters are not in `parameters`. */
  stopParsing?: Span;
  /** Where its pipeline input comes from, when it is not the first element of a pipeline. */
  input?: PowerShellPipelineInput;
  /** The command whose script block argument holds this one (`ForEach-Object { … }`), if any. */
  parent?: PowerShellCommand;
}

export interface PowerShellSyntaxError {
  message: string;
  span: Span;
}

/** A PowerShell script as rules see it: the commands it runs and what did not parse. */
export interface PowerShellScript {
  text: string;
  /** Every command the grammar parsed, in the order they start, nested ones included. */
  commands: PowerShellCommand[];
  /** `#` and `<# #>` comments. */
  comments: { text: string; span: Span }[];
  /** Errors PowerShell itself reports: unterminated strings and comments, unbalanced brackets, empty pipe elements. */
  syntaxErrors: PowerShellSyntaxError[];
  /**
   * Statements the tree-sitter grammar could not parse: a mistake, or valid PowerShell the grammar
   * does not know. Their commands are not in `commands`, except those of the cmdlets rules check,
   * each parsed again on its own (without pipeline input or parent command).
   */
  unparsed: Span[];
}
