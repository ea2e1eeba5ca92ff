/** Puts the keyboard on the first field of `form` marked invalid (a text field, or a check box group's first box). */
export function focusFirstInvalid(form: HTMLFormElement): void {
  form.querySelector<HTMLElement>('[aria-invalid="true"], fieldset.field-invalid input')?.focus()
}
