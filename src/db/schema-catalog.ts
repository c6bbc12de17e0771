// Tables of the procedure catalog (procedures, versions, case variants, components, internal processes).
export {};
