// After the run: the data template of data-template.ts goes with it.
import { removeDataTemplate } from './data-template';

export default function globalTeardown(): void {
	removeDataTemplate();
}
