import type { Span } from "../xml/document.js";

/** An argument given to a parameter (`-ObjectId 'a-b'`, `-SmtpClientAuthenticationDisabled:$true`). */
export interface PowerShellArgument {
  /** The value: a string literal's content with quotes removed and `''` undone, or the source text. */
  text: string;
  /** A string or number literal, or `$true`/`$false`/`$null`: its value is known without running the script. */
  literal: boolean;
  span: Span;
}

export interface PowerShellParameter {
  /** The name without the dash, as written (`ObjectId`). */
  name: string;
  /** The `-Name` token. */
  span: Span;
  argument?: PowerShellArgument;
}

/** One command invocation (`New-ServicePrincipal -AppId … -ObjectId …`). */
export interface PowerShellCommand {
  name: string;
  nameSpan: Span;
  span: Span;
  parameters: PowerShellParameter[];
  /** Positional arguments, in order. */
  arguments: PowerShellArgument[];
}

export interface PowerShellSyntaxError {
  message: string;
  span: Span;
}

/** A PowerShell script as rules see it: the commands it runs and what did not parse. */
export interface PowerShellScript {
  text: string;
  commands: PowerShellCommand[];
  /** `#` and `<# #>` comments. */
  comments: { text: string; span: Span }[];
  syntaxErrors: PowerShellSyntaxError[];
}
