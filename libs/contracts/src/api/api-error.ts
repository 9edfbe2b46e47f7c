/** The body of every failed API call: a stable machine code and a sentence for a person. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    details?: unknown;
  };
}
