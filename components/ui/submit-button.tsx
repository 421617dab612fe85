'use client';
import { useFormStatus } from 'react-dom';
import { Button, type ButtonProps } from './button';

/** A submit button that shows its form's pending state. */
export function SubmitButton(props: Omit<ButtonProps, 'type' | 'pending'>) {
  const { pending } = useFormStatus();
  return <Button {...props} type="submit" pending={pending} />;
}
