// Shared by the admin user forms and the /api/v1/users handlers.
import { z } from "zod";
import { roles } from "@/lib/auth/permissions";

export const passwordSchema = z.string().min(12, "Password must be at least 12 characters").max(256, "Password is too long");

export const createUserSchema = z.object({
  email: z.email("Enter a valid email address").transform((e) => e.trim().toLowerCase()),
  name: z.string().trim().min(1, "Name is required").max(200),
  role: z.enum(roles),
  password: passwordSchema,
});

export const updateUserSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    role: z.enum(roles).optional(),
    disabled: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Nothing to update");

export const resetPasswordSchema = z.object({ password: passwordSchema });

export const userIdParams = z.object({ id: z.string().min(1).max(64) });

export type CreateUserInput = z.infer<typeof createUserSchema>;
export type UpdateUserInput = z.infer<typeof updateUserSchema>;
