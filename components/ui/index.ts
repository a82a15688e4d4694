// Barrel for the UI primitives. Each client primitive carries its own "use client", so server components
// can import from here too.
export { cn } from "./cn";
export { Alert, type AlertTone } from "./alert";
export { Badge, type BadgeTone } from "./badge";
export { Button, buttonClasses, Spinner, type ButtonProps, type ButtonSize, type ButtonVariant } from "./button";
export { Checkbox, type CheckboxProps } from "./checkbox";
export { Dialog, DialogFooter, type DialogProps } from "./dialog";
export { Dropdown, type DropdownItem, type DropdownProps } from "./dropdown";
export { Input, fieldClasses, type InputProps } from "./input";
export { Select, type SelectOption, type SelectProps } from "./select";
export { Table, TBody, Td, Th, THead, Tr, type SortDirection, type ThProps } from "./table";
export { Tabs, type TabItem, type TabsProps } from "./tabs";
export { ToastProvider, useToast, type ToastInput, type ToastTone } from "./toast";
